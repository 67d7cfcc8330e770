package io.doppel.server.backup;

import io.doppel.store.rocksdb.Checkpointable;
import org.jspecify.annotations.Nullable;

/**
 * One open store a backup checkpoints: its kind and the tenant it belongs to (null: the default tenant, whose stores
 * keep the data directory's own layout, and the platform's auth store).
 */
public record TenantStore(StoreKind kind, @Nullable String tenant, Checkpointable store) {
  /** Where a tenant's stores live inside a data directory, and inside a backup. */
  static final String TENANTS = "tenants";

  /** The store's directory relative to the data directory ({@code ""}: the directory itself). */
  static String dataPath(StoreKind kind, @Nullable String tenant) {
    if (tenant == null) {
      return kind.dataPath();
    }
    return TENANTS + "/" + tenant + (kind.dataPath().isEmpty() ? "" : "/" + kind.dataPath());
  }

  /** The store's directory relative to the backup. */
  static String location(StoreKind kind, @Nullable String tenant) {
    return tenant == null ? kind.id() : TENANTS + "/" + tenant + "/" + kind.id();
  }
}
