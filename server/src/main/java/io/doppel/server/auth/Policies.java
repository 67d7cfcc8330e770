package io.doppel.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The stored policies under {@code policy/<id>}, with an in-memory copy every request reads without I/O. */
public final class Policies {
  static final String PREFIX = "policy/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AuthStore store;
  private volatile List<Policy> all;

  public Policies(AuthStore store) {
    this.store = store;
    this.all = load();
  }

  public List<Policy> all() {
    return all;
  }

  public Policy get(String id) {
    return all.stream().filter(p -> p.id().equals(id)).findFirst()
        .orElseThrow(() -> new AuthFailure(AuthFailure.Kind.POLICY_NOT_FOUND, "no policy with id '" + id + "'"));
  }

  public synchronized Policy put(Policy policy) {
    store.put(PREFIX + policy.id(), policy.toJson().toString());
    all = load();
    return policy;
  }

  public synchronized void delete(String id) {
    get(id);
    store.delete(PREFIX + id);
    all = load();
  }

  private List<Policy> load() {
    List<Policy> out = new ArrayList<>();
    for (var e : store.scan(PREFIX, "", Integer.MAX_VALUE).entrySet()) {
      try {
        out.add(Policy.parse(e.getKey().substring(PREFIX.length()), JSON.readTree(e.getValue())));
      } catch (IOException ex) {
        throw new DoppelException(ErrorCode.STORAGE_FAILURE, "stored policy " + e.getKey() + " is unreadable");
      }
    }
    return List.copyOf(out);
  }
}
