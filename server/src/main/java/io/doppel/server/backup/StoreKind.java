package io.doppel.server.backup;

import io.doppel.server.auth.RocksAuthStore;
import io.doppel.store.rocksdb.RocksIngestStore;
import io.doppel.store.rocksdb.RocksRouteOutbox;
import io.doppel.store.rocksdb.RocksRuleStore;
import io.doppel.store.rocksdb.RocksSeriesStore;
import io.doppel.store.rocksdb.RocksTwinStore;

/**
 * The RocksDB stores of a data directory, where each lives in it and the newest format this code reads.
 *
 * <p>The declaration order is the order a backup checkpoints them in, and it is what makes the stores agree after a
 * restore. The history (change log and series) and the routes' outboxes are derived from the twin store's
 * changes, so they are taken <em>before</em> it: a restored twin store is then at or ahead of them, which is the
 * state a crash leaves and which opening already repairs (the history catches up with the twins' current states;
 * see docs/operations.md for what the routes miss). The other way round a restored history would hold engine
 * versions the twin store never reached, and the next writes would reuse them. Rules, warnings, ingest documents
 * and access control are independent of the rest. Every tenant has each of these but access control, which is the
 * platform's (under the default tenant's directory).
 */
public enum StoreKind {
  HISTORY("history", "history", RocksSeriesStore.FORMAT_VERSION),
  ROUTES("routes", "routes", RocksRouteOutbox.FORMAT_VERSION),
  RULES("rules", "rules", RocksRuleStore.FORMAT_VERSION),
  /** Time-to-threshold warning definitions: a rule store of their own. */
  WARNINGS("warnings", "warnings", RocksRuleStore.FORMAT_VERSION),
  INGEST("ingest", "ingest", RocksIngestStore.FORMAT_VERSION),
  AUTH("auth", "auth", RocksAuthStore.FORMAT_VERSION),
  /** The twin store has the data directory itself (the others are its sub-directories). */
  TWINS("twins", "", RocksTwinStore.FORMAT_VERSION);

  private final String id;
  private final String dataPath;
  private final int supportedFormat;

  StoreKind(String id, String dataPath, int supportedFormat) {
    this.id = id;
    this.dataPath = dataPath;
    this.supportedFormat = supportedFormat;
  }

  /** The name in {@code backup.json} and the directory's name inside a backup. */
  public String id() {
    return id;
  }

  /** Where the store lives, relative to the data directory ({@code ""}: the directory itself). */
  public String dataPath() {
    return dataPath;
  }

  public int supportedFormat() {
    return supportedFormat;
  }

  public static StoreKind byId(String id) {
    for (StoreKind kind : values()) {
      if (kind.id.equals(id)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("no store '" + id + "'");
  }
}
