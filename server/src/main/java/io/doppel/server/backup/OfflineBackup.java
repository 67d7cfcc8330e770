package io.doppel.server.backup;

import io.doppel.server.auth.RocksAuthStore;
import io.doppel.server.auth.TenantName;
import io.doppel.store.rocksdb.Checkpointable;
import io.doppel.store.rocksdb.RocksIngestStore;
import io.doppel.store.rocksdb.RocksRouteOutbox;
import io.doppel.store.rocksdb.RocksRuleStore;
import io.doppel.store.rocksdb.RocksSeriesStore;
import io.doppel.store.rocksdb.RocksTwinStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A backup of a stopped server's data directory: opens each store as a server would (without starting anything on
 * it), checkpoints them as the online backup does, and closes them.
 */
public final class OfflineBackup {
  private OfflineBackup() {}

  public static BackupManifest run(Path dataDir, Path target, String doppelVersion, Clock clock) {
    if (!DataDirs.hasStore(dataDir)) {
      throw new BackupFailure(BackupFailure.Code.BACKUP_INVALID, dataDir + " is not a Doppel data directory "
          + "(it has no twin store)");
    }
    OptionalInt format = DataFormat.read(dataDir);
    if (format.isPresent() && format.getAsInt() > DataFormat.CURRENT) {
      throw new BackupFailure(BackupFailure.Code.FORMAT_TOO_NEW, dataDir + " has data format " + format.getAsInt()
          + ", newer than this Doppel supports (" + DataFormat.CURRENT + ")");
    }
    DataDirs.requireNotInUse(dataDir);
    List<TenantStore> stores = new ArrayList<>();
    List<AutoCloseable> open = new ArrayList<>();
    try {
      for (String tenant : tenants(dataDir)) {
        for (StoreKind kind : StoreKind.values()) {
          Path dir = dataDir.resolve(TenantStore.dataPath(kind, tenant));
          if (DataDirs.hasStore(dir)) {
            Checkpointable store = open(kind, dir);
            open.add((AutoCloseable) store);
            stores.add(new TenantStore(kind, tenant, store));
          }
        }
      }
      return BackupWriter.write(target, stores, doppelVersion, clock.instant());
    } finally {
      for (AutoCloseable store : open.reversed()) {
        try {
          store.close();
        } catch (Exception e) {
          // closing a store that only served a checkpoint: nothing was written to lose
        }
      }
    }
  }

  /**
   * The default tenant (null) and each tenant directory with a twin store under {@code <data>/tenants/}; a
   * directory that is no tenant (its name could not be one) is not backed up.
   */
  private static List<@Nullable String> tenants(Path dataDir) {
    List<@Nullable String> tenants = new ArrayList<>();
    tenants.add(null);
    Path root = dataDir.resolve(TenantStore.TENANTS);
    if (Files.isDirectory(root)) {
      try (Stream<Path> dirs = Files.list(root)) {
        dirs.filter(d -> TenantName.valid(d.getFileName().toString()) && DataDirs.hasStore(d))
            .map(d -> d.getFileName().toString()).sorted().forEach(tenants::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + root, e);
      }
    }
    return tenants;
  }

  private static Checkpointable open(StoreKind kind, Path dir) {
    return switch (kind) {
      case TWINS -> RocksTwinStore.open(dir);
      case HISTORY -> RocksSeriesStore.open(dir);
      case ROUTES -> RocksRouteOutbox.open(dir);
      case RULES, WARNINGS -> RocksRuleStore.open(dir);
      case INGEST -> RocksIngestStore.open(dir);
      case AUTH -> RocksAuthStore.open(dir);
    };
  }
}
