package io.doppel.server.backup;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Online backups of a running server: handed the stores it has open, it checkpoints them while writes go on. One
 * backup at a time; each is quick (a memtable flush and hard links per store), so the call is synchronous.
 */
public final class Backups {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  private final @Nullable Path dataDir;
  private final StoreSource stores;
  private final String doppelVersion;
  private final Clock clock;
  private final ReentrantLock running = new ReentrantLock();

  /** {@code dataDir} null: a server in memory, which cannot back up; {@code stores}: every tenant's. */
  public Backups(@Nullable Path dataDir, StoreSource stores, String doppelVersion, Clock clock) {
    this.dataDir = dataDir;
    this.stores = stores;
    this.doppelVersion = doppelVersion;
    this.clock = clock;
  }

  /** Where a backup goes when no target is named: {@code <data>/backups/<UTC time>}. */
  public Path defaultTarget(Instant at) {
    return requireDataDir().resolve("backups").resolve(STAMP.format(at));
  }

  /**
   * Backs up every store of every tenant into {@code target} (or the default); a relative target is taken from the
   * data directory.
   */
  public Result backup(@Nullable String target) {
    Path data = requireDataDir();
    if (!running.tryLock()) {
      throw new BackupFailure(BackupFailure.Code.BACKUP_IN_PROGRESS, "a backup is being written; try again after it");
    }
    try {
      Instant started = clock.instant();
      Path where;
      try {
        where = target == null ? defaultTarget(started) : data.resolve(target).toAbsolutePath().normalize();
      } catch (java.nio.file.InvalidPathException e) {
        throw new BackupFailure(BackupFailure.Code.BACKUP_TARGET_INVALID, "target: " + e.getMessage());
      }
      return new Result(where, stores.whileHeld(all -> BackupWriter.write(where, all, doppelVersion, started)));
    } finally {
      running.unlock();
    }
  }

  /** A finished backup: where it is and what it holds. */
  public record Result(Path target, BackupManifest manifest) {}

  private Path requireDataDir() {
    if (dataDir == null) {
      throw new BackupFailure(BackupFailure.Code.BACKUP_UNAVAILABLE,
          "this server keeps its data in memory (started without --data): there is nothing on disk to back up");
    }
    return dataDir;
  }
}
