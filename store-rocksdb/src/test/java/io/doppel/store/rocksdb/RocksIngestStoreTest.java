package io.doppel.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.ingest.spi.DeadLetter;
import io.doppel.ingest.spi.DeadLetterLimits;
import io.doppel.ingest.spi.DeadLetterStore;
import io.doppel.ingest.spi.DocumentStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksIngestStoreTest {
  static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");

  static DeadLetter letter(String connector, String payload) {
    return new DeadLetter(0, AT, connector, "src", "t/1", "k", payload.getBytes(StandardCharsets.UTF_8),
        Map.of("h", "v"), AT, "NO_MAPPING", "no mapping for t/1", null, null);
  }

  @Test
  void documentsKeepEveryVersionAcrossReopenAndNeverReuseANumber(@TempDir Path dir) {
    try (RocksIngestStore store = RocksIngestStore.open(dir)) {
      DocumentStore docs = store.documents("mappings");
      assertThat(docs.put("a", "{\"v\":1}", AT).version()).isEqualTo(1);
      assertThat(docs.put("a", "{\"v\":2}", AT).version()).isEqualTo(2);
      docs.put("a.b", "{}", AT);
      store.documents("connectors").put("a", "{\"other\":true}", AT);
    }
    try (RocksIngestStore store = RocksIngestStore.open(dir)) {
      DocumentStore docs = store.documents("mappings");
      assertThat(docs.versions("a")).containsExactly(1, 2);
      assertThat(docs.latest("a").orElseThrow().text()).isEqualTo("{\"v\":2}");
      assertThat(docs.version("a", 1).orElseThrow().text()).isEqualTo("{\"v\":1}");
      assertThat(docs.latestAll()).extracting(DocumentStore.StoredDocument::id).containsExactly("a", "a.b");
      assertThat(docs.delete("a")).isTrue();
      assertThat(docs.delete("a")).isFalse();
      assertThat(docs.latest("a")).isEmpty();
      assertThat(docs.latest("a.b")).isPresent(); // a delete takes no neighbour with it
      assertThat(docs.put("a", "{}", AT).version()).isEqualTo(3);
      assertThat(store.documents("connectors").latest("a").orElseThrow().text()).isEqualTo("{\"other\":true}");
    }
  }

  @Test
  void deadLettersAreDurableAndReplaceable(@TempDir Path dir) {
    long id;
    try (RocksIngestStore store = RocksIngestStore.open(dir)) {
      DeadLetterStore letters = store.deadLetters();
      id = letters.add(letter("kafka", "{\"a\":1}")).join().id();
      letters.add(letter("mqtt", "x")).join();
      DeadLetter again = letters.get(id).orElseThrow();
      assertThat(letters.replace(new DeadLetter(id, AT, again.connector(), again.source(), again.topic(), again.key(),
          again.payload(), again.headers(), again.receivedAt(), "FIELD_MISSING", "$.n", "m@2", "t1")).join()).isTrue();
      assertThat(letters.replace(letter("x", "y").withId(999)).join()).isFalse();
    }
    try (RocksIngestStore store = RocksIngestStore.open(dir)) {
      DeadLetterStore letters = store.deadLetters();
      assertThat(letters.count()).isEqualTo(2);
      assertThat(letters.bytes()).isEqualTo(8);
      DeadLetter kept = letters.get(id).orElseThrow();
      assertThat(kept.reason()).isEqualTo("FIELD_MISSING");
      assertThat(kept.mapping()).isEqualTo("m@2");
      assertThat(new String(kept.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
      assertThat(kept.headers()).containsEntry("h", "v");
      assertThat(letters.list(0, 10, "mqtt")).hasSize(1);
      assertThat(letters.list(id, 10, null)).extracting(DeadLetter::connector).containsExactly("mqtt");
      long next = letters.add(letter("kafka", "z")).join().id();
      assertThat(next).isGreaterThan(id + 1); // ids keep increasing across a reopen
      assertThat(letters.remove(id)).isTrue();
      assertThat(letters.remove(id)).isFalse();
      assertThat(letters.count()).isEqualTo(2);
    }
  }

  @Test
  void aFullStoreRemovesTheOldestAndCountsThem(@TempDir Path dir) {
    try (RocksIngestStore store = RocksIngestStore.open(dir, new DeadLetterLimits(3, 1_000))) {
      DeadLetterStore letters = store.deadLetters();
      for (int i = 0; i < 5; i++) {
        letters.add(letter("c", "p" + i)).join();
      }
      assertThat(letters.count()).isEqualTo(3);
      assertThat(letters.evicted()).isEqualTo(2);
      assertThat(letters.list(0, 10, null)).extracting(l -> new String(l.payload(), StandardCharsets.UTF_8))
          .containsExactly("p2", "p3", "p4");
      letters.add(letter("c", "x".repeat(999))).join(); // by bytes: only it and nothing else fits
      assertThat(letters.count()).isEqualTo(1);
      assertThat(letters.evicted()).isEqualTo(5);
    }
    try (RocksIngestStore store = RocksIngestStore.open(dir, new DeadLetterLimits(3, 1_000))) {
      assertThat(store.deadLetters().evicted()).isEqualTo(5);
      assertThat(store.deadLetters().bytes()).isEqualTo(999);
    }
  }

  @Test
  void theInMemoryStoreIsBoundedTheSameWay() {
    DeadLetterStore letters = DeadLetterStore.inMemory(new DeadLetterLimits(2, 100));
    for (int i = 0; i < 4; i++) {
      letters.add(letter("c", "p" + i)).join();
    }
    assertThat(letters.count()).isEqualTo(2);
    assertThat(letters.evicted()).isEqualTo(2);
  }
}
