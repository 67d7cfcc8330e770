package io.doppel.twin;

import static io.doppel.twin.Fixtures.patch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AsyncWritesTest {
  private TwinEngine engine;

  @BeforeEach
  void open() {
    engine = TwinEngine.inMemory();
    engine.addModels(Fixtures.models());
    engine.putTwin("room", Fixtures.room(20), Precondition.none());
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private static String setTemperature(double value) {
    return "[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":" + value + "}]";
  }

  @Test
  void asyncPatchAnswersTheTwinAsLaterReadsSeeIt() {
    TwinView written = engine.patchTwinAsync("room", patch(setTemperature(21)), Precondition.none()).join();
    assertThat(written.json().get("temperature").asDouble()).isEqualTo(21);
    assertThat(engine.getTwin("room")).isEqualTo(written);
  }

  @Test
  void submitPatchAnswersTheNewEtag() {
    WriteResult result = engine.submitPatch("room", patch(setTemperature(22)), Precondition.none()).join();
    TwinView read = engine.getTwin("room");
    assertThat(result.etag()).isEqualTo(read.etag());
    assertThat(result.version()).isEqualTo(read.version()).isEqualTo(engine.version());
  }

  @Test
  void manyPatchesInFlightToOneTwinApplyInOrder() {
    List<CompletableFuture<WriteResult>> replies = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      replies.add(engine.submitPatch("room", patch(setTemperature(i)), Precondition.none()));
    }
    long previous = 0;
    for (CompletableFuture<WriteResult> reply : replies) {
      long version = reply.join().version();
      assertThat(version).isGreaterThan(previous);
      previous = version;
    }
    assertThat(engine.getTwin("room").json().get("temperature").asDouble()).isEqualTo(499);
    assertThat(engine.stats().reprepared()).isZero();
  }

  @Test
  void refusedAsyncPatchFailsItsFutureAndChangesNothing() {
    TwinView before = engine.getTwin("room");
    CompletableFuture<WriteResult> bad = engine.submitPatch("room",
        patch("[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":\"hot\"}]"), Precondition.none());
    assertThatThrownBy(bad::join).isInstanceOf(CompletionException.class)
        .cause().isInstanceOfSatisfying(DoppelException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    CompletableFuture<TwinView> missing = engine.patchTwinAsync("nope", patch(setTemperature(1)), Precondition.none());
    assertThatThrownBy(missing::join).cause().isInstanceOfSatisfying(DoppelException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.TWIN_NOT_FOUND));
    CompletableFuture<WriteResult> malformed = engine.submitPatch("room", patch("[{\"op\":\"jump\"}]"),
        Precondition.none());
    assertThatThrownBy(malformed::join).cause().isInstanceOfSatisfying(DoppelException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.PATCH_INVALID));
    assertThat(engine.getTwin("room")).isEqualTo(before);
  }

  @Test
  void ifMatchStaysExactWhileWritesAreInFlight() {
    String etag = engine.getTwin("room").etag();
    List<CompletableFuture<WriteResult>> ahead = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ahead.add(engine.submitPatch("room", patch(setTemperature(i)), Precondition.none()));
    }
    // Queued behind writes that change the twin: the tag it names is no longer current when it is applied.
    CompletableFuture<WriteResult> conditional = engine.submitPatch("room", patch(setTemperature(99)),
        Precondition.ifMatch(etag));
    ahead.forEach(CompletableFuture::join);
    assertThatThrownBy(conditional::join).cause().isInstanceOfSatisfying(DoppelException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION_FAILED));
    String current = engine.getTwin("room").etag();
    WriteResult ok = engine.submitPatch("room", patch(setTemperature(7)), Precondition.ifMatch(current)).join();
    assertThat(ok.etag()).isNotEqualTo(current).isEqualTo(engine.getTwin("room").etag());
  }

  @Test
  void statsCountCommitsChangesAndRefusals() {
    EngineStats before = engine.stats();
    List<CompletableFuture<WriteResult>> replies = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      replies.add(engine.submitPatch("room", patch(setTemperature(i)), Precondition.none()));
    }
    replies.forEach(CompletableFuture::join);
    Errors.expect(ErrorCode.PRECONDITION_FAILED,
        () -> engine.patchTwin("room", patch(setTemperature(1)), Precondition.ifMatch("W/\"0000000000000001\"")));
    EngineStats after = engine.stats();
    assertThat(after.committedChanges() - before.committedChanges()).isEqualTo(100);
    assertThat(after.commits()).isGreaterThan(before.commits());
    assertThat(after.averageBatchSize()).isPositive();
    assertThat(after.refusedWrites() - before.refusedWrites()).isEqualTo(1);
    assertThat(after.queueDepth()).isZero();
    assertThat(after.lastBatchSize()).isPositive();
  }
}
