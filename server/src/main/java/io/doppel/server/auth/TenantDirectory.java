package io.doppel.server.auth;

import io.doppel.model.Dtmi;
import io.doppel.model.ModelCatalog;
import org.jspecify.annotations.Nullable;

/** What access control needs to know of each tenant: whether it exists, its policies and its graph's models. */
public interface TenantDirectory {
  boolean exists(String tenant);

  /** The tenant's policies; only called for a tenant that {@link #exists}. */
  Policies policies(String tenant);

  ModelCatalog catalog(String tenant);

  /** The model of a twin in the tenant's graph, or null when there is no such twin (yet). */
  @Nullable Dtmi twinModel(String tenant, String twinId);

  /** The twins policies' {@code related} selectors cover in the tenant's graph; only for a tenant that exists. */
  RelatedReach reach(String tenant);
}
