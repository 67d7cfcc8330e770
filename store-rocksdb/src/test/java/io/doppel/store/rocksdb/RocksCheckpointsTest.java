package io.doppel.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store's checkpoint opens as the store it copies, and is refused in Java, not in native code, once closed. */
class RocksCheckpointsTest {
  @Test
  void aCheckpointOpensWithTheDataWrittenBeforeItAndNothingAfter(@TempDir Path tmp) {
    Path copy = tmp.resolve("copy");
    StoreCheckpoint taken;
    try (RocksRuleStore store = RocksRuleStore.open(tmp.resolve("rules"))) {
      store.put("r1", "{\"a\":1}");
      store.put("r2", "{\"b\":2}");
      taken = store.checkpoint(copy);
      store.put("r3", "{\"c\":3}"); // after the checkpoint: not in it
    }
    assertThat(taken.sequence()).isPositive();
    assertThat(taken.files()).isPositive();
    assertThat(taken.bytes()).isPositive();
    assertThat(taken.format()).isEqualTo(RocksRuleStore.FORMAT_VERSION);
    assertThat(RocksCheckpoints.sequenceOf(copy)).isEqualTo(taken.sequence());
    try (RocksRuleStore restored = RocksRuleStore.open(copy)) {
      assertThat(restored.load()).containsOnlyKeys("r1", "r2");
    }
  }

  @Test
  void refusesAnExistingTargetAndAClosedStore(@TempDir Path tmp) throws Exception {
    RocksTwinStore store = RocksTwinStore.open(tmp.resolve("twins"));
    Files.createDirectories(tmp.resolve("taken"));
    assertThatThrownBy(() -> store.checkpoint(tmp.resolve("taken"))).isInstanceOf(DoppelException.class)
        .satisfies(e -> assertThat(((DoppelException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    store.close();
    assertThatThrownBy(() -> store.checkpoint(tmp.resolve("late"))).isInstanceOf(DoppelException.class)
        .satisfies(e -> assertThat(((DoppelException) e).code()).isEqualTo(ErrorCode.STORAGE_FAILURE));
    assertThat(tmp.resolve("late")).doesNotExist();
  }
}
