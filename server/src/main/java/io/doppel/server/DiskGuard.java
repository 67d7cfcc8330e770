package io.doppel.server;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the free space of the data directory's disk (one {@code statvfs} a second, and at once after a write the
 * disk refused) and refuses writes while it is below the {@link DiskReserve}: {@link #requireWritable()} throws
 * {@code INSUFFICIENT_STORAGE}, saying how much is free and what the reserve is. Writes resume by themselves at the
 * first check that finds the space back. Reads never consult it.
 */
final class DiskGuard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DiskGuard.class);

  /** One reading of the disk, and whether writes are refused because of it. */
  record Status(String path, long usableBytes, long totalBytes, DiskReserve reserve, long reserveBytes,
      boolean writable, Instant checkedAt) {}

  private final @Nullable Path dir;
  private final @Nullable FileStore store;
  private final Clock clock;
  private final @Nullable ScheduledExecutorService checker;
  private volatile DiskReserve reserve;
  private volatile Status status;

  private DiskGuard(@Nullable Path dir, DiskReserve reserve, Clock clock, boolean watch) {
    this.dir = dir;
    this.clock = clock;
    this.reserve = reserve;
    FileStore found = null;
    if (dir != null) {
      try {
        found = Files.getFileStore(dir);
      } catch (IOException e) {
        throw new DoppelException(ErrorCode.STORAGE_FAILURE, "cannot read the disk of the data directory " + dir
            + ": " + e.getMessage());
      }
    }
    this.store = found;
    this.status = new Status(dir == null ? "" : dir.toString(), Long.MAX_VALUE, Long.MAX_VALUE, reserve, 0, true,
        clock.instant());
    check();
    this.checker = dir != null && watch ? Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "doppel-disk-guard");
      t.setDaemon(true);
      return t;
    }) : null;
    if (checker != null) {
      checker.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }
  }

  /** Watches {@code dir}'s disk every second. */
  static DiskGuard watching(Path dir, DiskReserve reserve, Clock clock) {
    return new DiskGuard(dir, reserve, clock, true);
  }

  /** For a server without a data directory: always writable. */
  static DiskGuard none(Clock clock) {
    return new DiskGuard(null, DiskReserve.NONE, clock, false);
  }

  /** Reads the disk now and returns what it found; logs when writes stop or resume. */
  synchronized Status check() {
    if (store == null) {
      return status;
    }
    long usable;
    long total;
    try {
      usable = store.getUsableSpace();
      total = store.getTotalSpace();
    } catch (IOException e) {
      LOG.warn("cannot read the free space of {}: {}", dir, e.getMessage());
      return status;
    }
    DiskReserve r = reserve;
    long reserveBytes = r.bytesOf(total);
    boolean writable = usable >= reserveBytes;
    Status previous = status;
    status = new Status(String.valueOf(dir), usable, total, r, reserveBytes, writable, clock.instant());
    if (previous.writable() && !writable) {
      LOG.warn("writes refused: {} free on the data directory's disk, below the reserve of {}", size(usable),
          size(reserveBytes));
    } else if (!previous.writable() && writable) {
      LOG.info("writes resumed: {} free on the data directory's disk (reserve {})", size(usable), size(reserveBytes));
    }
    return status;
  }

  /** After a write the disk refused: read it again at once rather than at the next tick. */
  void recheck() {
    ScheduledExecutorService c = checker;
    if (c != null && !c.isShutdown()) {
      c.execute(this::check);
    }
  }

  Status status() {
    return status;
  }

  DiskReserve reserve() {
    return reserve;
  }

  /** A new reserve, in force from the check it triggers. */
  Status reserve(DiskReserve newReserve) {
    this.reserve = newReserve;
    return check();
  }

  boolean writable() {
    return status.writable();
  }

  /** Throws 507 {@code INSUFFICIENT_STORAGE} while the disk is below its reserve. */
  void requireWritable() {
    Status s = status;
    if (!s.writable()) {
      throw refusal(s);
    }
  }

  static DoppelException refusal(Status s) {
    return new DoppelException(ErrorCode.INSUFFICIENT_STORAGE, "the data directory's disk has " + size(s.usableBytes())
        + " free, below the reserve of " + size(s.reserveBytes()) + " (--min-free-disk " + s.reserve()
        + "): writes are refused until space is freed; reads keep working");
  }

  static String size(long bytes) {
    if (bytes < 1L << 20) {
      return bytes + " bytes";
    }
    double mib = bytes / (double) (1L << 20);
    return mib < 10_240 ? String.format(Locale.ROOT, "%.1f MiB", mib)
        : String.format(Locale.ROOT, "%.1f GiB", mib / 1024);
  }

  @Override
  public void close() {
    if (checker != null) {
      checker.shutdownNow();
    }
  }
}
