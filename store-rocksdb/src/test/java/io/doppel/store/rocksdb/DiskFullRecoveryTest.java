package io.doppel.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.history.spi.SeriesKey;
import io.doppel.history.spi.SeriesWrite;
import io.doppel.history.spi.StoredChunk;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history's database meeting a real full disk (a tmpfs filled by the test): RocksDB stops it with a background
 * error that outlives the space coming back, and the store reopens it at the first write once there is room, on the
 * same instance; every acknowledged write is there before and after a restart.
 *
 * <p>Mounting needs root (CI runs as root); {@code -Ddoppel.test.noMount=true} skips the test where it cannot.
 */
class DiskFullRecoveryTest {
  private static final SeriesKey SERIES = new SeriesKey("pump-1", "power");
  private static final byte[] SEGMENT = new byte[16 * 1024];

  static {
    Arrays.fill(SEGMENT, (byte) 7);
  }

  @Test
  void theHistoryStoppedByAFullDiskTakesWritesAgainOnceSpaceIsBack(@TempDir Path tmp) throws Exception {
    Path mount = tmp.resolve("tmpfs");
    Files.createDirectories(mount);
    mountTmpfs(mount, "256m");
    try {
      Path dir = mount.resolve("history");
      List<Long> acknowledged = new ArrayList<>();
      // The store looks at the disk at most once a second by this clock: moved by hand, so that the first write
      // after the move must find the database reopened (RocksDB's own recovery polls the disk every few seconds).
      java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
      try (RocksSeriesStore store = RocksSeriesStore.open(dir, RocksTwinStore.DEFAULT_TENANT, clock::get)) {
        long next = 0;
        for (; next < 50; next++) {
          store.write(List.of(new SeriesWrite.Append(SERIES, next, SEGMENT)));
          acknowledged.add(next);
        }
        Path filler = mount.resolve("filler");
        fill(filler, Files.getFileStore(mount).getUsableSpace() - (1L << 20));

        DoppelException refused = null;
        for (; next < 100_000 && refused == null; next++) {
          try {
            store.write(List.of(new SeriesWrite.Append(SERIES, next, SEGMENT)));
            acknowledged.add(next);
          } catch (DoppelException e) {
            refused = e;
          }
        }
        assertThat(refused).as("the disk filled up").isNotNull();
        assertThat(refused.code()).isEqualTo(ErrorCode.INSUFFICIENT_STORAGE);
        long afterRefusal = next;
        assertThatThrownBy(() -> store.write(List.of(new SeriesWrite.Append(SERIES, afterRefusal, SEGMENT))))
            .as("still stopped").isInstanceOf(DoppelException.class)
            .extracting(e -> ((DoppelException) e).code()).isEqualTo(ErrorCode.INSUFFICIENT_STORAGE);
        assertThat(starts(store)).as("reads on the stopped database").containsAll(acknowledged);

        Files.delete(filler);
        clock.addAndGet(1_000_000_000L);
        store.write(List.of(new SeriesWrite.Append(SERIES, next, SEGMENT))); // reopens first
        acknowledged.add(next++);
        for (int k = 0; k < 20; k++, next++) {
          store.write(List.of(new SeriesWrite.Append(SERIES, next, SEGMENT)));
          acknowledged.add(next);
        }
        assertThat(starts(store)).containsAll(acknowledged);
      }
      try (RocksSeriesStore again = RocksSeriesStore.open(dir)) {
        assertThat(starts(again)).as("every acknowledged write after a restart").containsAll(acknowledged);
      }
    } finally {
      run("umount", mount.toString());
    }
  }

  private static List<Long> starts(RocksSeriesStore store) {
    return store.chunks(SERIES, Long.MIN_VALUE, Long.MAX_VALUE).stream().map(StoredChunk::start).toList();
  }

  private static void fill(Path file, long bytes) throws IOException {
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = bytes; left > 0; left -= block.length) {
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    }
  }

  static void mountTmpfs(Path mount, String size) throws Exception {
    Assumptions.assumeFalse(Boolean.getBoolean("doppel.test.noMount"),
        "doppel.test.noMount: this environment cannot mount a tmpfs");
    String failure = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString());
    if (failure != null) {
      throw new AssertionError("cannot mount a tmpfs at " + mount + " (" + failure + "): this test needs root, as CI"
          + " has; where mounting is impossible run with -Ddoppel.test.noMount=true to skip it");
    }
  }

  /** Runs a command; null when it succeeded, else its exit code and output. */
  static String run(String... command) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return e.getMessage();
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return p.waitFor() == 0 ? null : "exit " + p.exitValue() + ": " + output;
  }
}
