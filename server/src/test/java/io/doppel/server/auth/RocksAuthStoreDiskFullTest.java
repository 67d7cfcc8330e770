package io.doppel.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keys and audit store on a real full disk (a tmpfs filled by the test): RocksDB stops the database, and once
 * space is back the first write after the store's once-a-second look at the disk (its clock moved by hand) reopens
 * it, on the same instance; every acknowledged entry is kept. Needs root to mount ({@code -Ddoppel.test.noMount=true}
 * skips it where that is impossible).
 */
class RocksAuthStoreDiskFullTest {
  private static final String VALUE = "v".repeat(16 * 1024);

  @Test
  void theStoreStoppedByAFullDiskTakesWritesAgainOnceSpaceIsBack(@TempDir Path tmp) throws Exception {
    Path mount = tmp.resolve("tmpfs");
    Files.createDirectories(mount);
    Assumptions.assumeFalse(Boolean.getBoolean("doppel.test.noMount"), "doppel.test.noMount: cannot mount a tmpfs");
    String failure = run("mount", "-t", "tmpfs", "-o", "size=320m", "tmpfs", mount.toString());
    if (failure != null) {
      throw new AssertionError("cannot mount a tmpfs at " + mount + " (" + failure + "): this test needs root, as CI"
          + " has; where mounting is impossible run with -Ddoppel.test.noMount=true to skip it");
    }
    try {
      Path dir = mount.resolve("auth");
      List<String> acknowledged = new ArrayList<>();
      AtomicLong clock = new AtomicLong();
      try (RocksAuthStore store = RocksAuthStore.open(dir, clock::get)) {
        int next = 0;
        for (; next < 20; next++) {
          store.put(key(next), VALUE);
          acknowledged.add(key(next));
        }
        Path filler = mount.resolve("filler");
        fill(filler, Files.getFileStore(mount).getUsableSpace() - (1L << 20));
        DoppelException refused = null;
        for (; next < 100_000 && refused == null; next++) {
          try {
            store.put(key(next), VALUE);
            acknowledged.add(key(next));
          } catch (DoppelException e) {
            refused = e;
          }
        }
        assertThat(refused).as("the disk filled up").isNotNull();
        assertThat(refused.code()).isEqualTo(ErrorCode.INSUFFICIENT_STORAGE);
        int afterRefusal = next;
        assertThatThrownBy(() -> store.put(key(afterRefusal), VALUE)).as("still stopped")
            .isInstanceOf(DoppelException.class);
        assertThat(store.get(acknowledged.getFirst())).as("reads on the stopped database").hasValue(VALUE);

        Files.delete(filler);
        clock.addAndGet(1_000_000_000L);
        store.put(key(next), VALUE); // reopens first
        acknowledged.add(key(next++));
        store.putAll(java.util.Map.of(key(next), VALUE));
        acknowledged.add(key(next));
        for (String k : acknowledged) {
          assertThat(store.get(k)).as(k).hasValue(VALUE);
        }
      }
      try (RocksAuthStore again = RocksAuthStore.open(dir)) {
        assertThat(again.scan("k/", "", 1_000_000).keySet()).containsAll(acknowledged);
      }
    } finally {
      run("umount", mount.toString());
    }
  }

  private static String key(int n) {
    return "k/" + String.format("%08d", n);
  }

  private static void fill(Path file, long bytes) throws IOException {
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = bytes; left > 0; left -= block.length) {
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    }
  }

  private static String run(String... command) throws Exception {
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
