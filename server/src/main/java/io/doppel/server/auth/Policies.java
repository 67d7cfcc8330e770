package io.doppel.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One tenant's stored policies, with an in-memory copy every request reads without I/O: the default tenant's under
 * {@code policy/<id>} (where they were before tenants), another tenant's under {@code tenant-policy/<tenant>/<id>}.
 */
public final class Policies {
  static final String PREFIX = "policy/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AuthStore store;
  private final String prefix;
  private volatile List<Policy> all;

  /** The default tenant's policies. */
  public Policies(AuthStore store) {
    this(store, TenantName.DEFAULT);
  }

  public Policies(AuthStore store, String tenant) {
    this.store = store;
    this.prefix = tenant.equals(TenantName.DEFAULT) ? PREFIX : "tenant-policy/" + tenant + "/";
    this.all = load();
  }

  /** Removes every policy of this tenant (the tenant is being deleted). */
  public synchronized void deleteAll() {
    for (Policy p : all) {
      store.delete(prefix + p.id());
    }
    all = load();
  }

  public List<Policy> all() {
    return all;
  }

  public Policy get(String id) {
    return all.stream().filter(p -> p.id().equals(id)).findFirst()
        .orElseThrow(() -> new AuthFailure(AuthFailure.Kind.POLICY_NOT_FOUND, "no policy with id '" + id + "'"));
  }

  public synchronized Policy put(Policy policy) {
    store.put(prefix + policy.id(), policy.toJson().toString());
    all = load();
    return policy;
  }

  public synchronized void delete(String id) {
    get(id);
    store.delete(prefix + id);
    all = load();
  }

  private List<Policy> load() {
    List<Policy> out = new ArrayList<>();
    for (var e : store.scan(prefix, "", Integer.MAX_VALUE).entrySet()) {
      try {
        out.add(Policy.parse(e.getKey().substring(prefix.length()), JSON.readTree(e.getValue())));
      } catch (IOException ex) {
        throw new DoppelException(ErrorCode.STORAGE_FAILURE, "stored policy " + e.getKey() + " is unreadable");
      }
    }
    return List.copyOf(out);
  }
}
