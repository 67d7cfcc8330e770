package io.doppel.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.stream.spi.OutboxEntry;
import io.doppel.stream.spi.ParkedLetter;
import io.doppel.stream.spi.RoutedEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksRouteOutboxTest {
  @TempDir Path dir;

  private static OutboxEntry entry(long version, String key) {
    return new OutboxEntry(version, key, "io.doppel.twin.patched", "{\"id\":\"" + version + "\",\"ü\":1}");
  }

  @Test
  void definitionsEntriesAndLettersSurviveAReopenAndStayPerRoute() {
    try (RocksRouteOutbox outbox = RocksRouteOutbox.open(dir)) {
      outbox.saveRoute("a", "{\"x\":1}");
      outbox.saveRoute("a.b", "{\"x\":2}"); // an id that extends another must not see its entries
      outbox.append(List.of(new RoutedEntry("a", entry(3, "t1")), new RoutedEntry("a.b", entry(3, "t1")),
          new RoutedEntry("a", entry(5, "t/2")), new RoutedEntry("a", entry(300, "t1"))));
      outbox.park("a", new ParkedLetter(entry(5, "t/2"), "HTTP 400: no", 2, Instant.parse("2026-12-01T10:00:00Z")));
    }
    try (RocksRouteOutbox outbox = RocksRouteOutbox.open(dir)) {
      assertThat(outbox.routes()).containsOnlyKeys("a", "a.b").containsEntry("a", "{\"x\":1}");
      assertThat(outbox.read("a", 0, 10)).containsExactly(entry(3, "t1"), entry(300, "t1"));
      assertThat(outbox.read("a", 3, 10)).containsExactly(entry(300, "t1"));
      assertThat(outbox.read("a", 0, 1)).containsExactly(entry(3, "t1"));
      assertThat(outbox.count("a")).isEqualTo(2);
      assertThat(outbox.count("a.b")).isEqualTo(1);
      List<ParkedLetter> letters = outbox.letters("a", 0, 10);
      assertThat(letters).containsExactly(
          new ParkedLetter(entry(5, "t/2"), "HTTP 400: no", 2, Instant.parse("2026-12-01T10:00:00Z")));
      assertThat(outbox.letterCount("a")).isEqualTo(1);

      outbox.remove("a", 3);
      assertThat(outbox.read("a", 0, 10)).containsExactly(entry(300, "t1"));
      assertThat(outbox.removeLetter("a", 5)).isTrue();
      assertThat(outbox.removeLetter("a", 5)).isFalse();

      outbox.deleteRoute("a");
      assertThat(outbox.routes()).containsOnlyKeys("a.b");
      assertThat(outbox.count("a")).isZero();
      assertThat(outbox.read("a.b", 0, 10)).containsExactly(entry(3, "t1"));
    }
  }

  /**
   * A process appending to the outbox is killed with SIGKILL (no shutdown hook, no close, no flush): every entry it
   * had reported as appended is there when the outbox opens again.
   */
  @Test
  void everyAppendThatReturnedSurvivesKillNine() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), OutboxWriterMain.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    long reported = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        reported = Long.parseLong(line.trim());
        if (reported >= 2_000) {
          child.destroyForcibly(); // SIGKILL while it keeps appending
          break;
        }
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(reported).isGreaterThanOrEqualTo(2_000);
    try (RocksRouteOutbox outbox = RocksRouteOutbox.open(dir)) {
      assertThat(outbox.routes()).containsKey("r");
      List<OutboxEntry> kept = outbox.read("r", 0, Integer.MAX_VALUE);
      assertThat(kept.size()).isGreaterThanOrEqualTo((int) reported);
      for (int i = 0; i < kept.size(); i++) {
        assertThat(kept.get(i).version()).isEqualTo(i + 1); // no gap, in order
      }
    }
  }
}
