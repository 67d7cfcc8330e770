package io.doppel.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Inputs the patch fuzzers found, minimised, as plain regression tests. */
class PatchFuzzRegressionTest {
  private final TwinEngine engine = TwinEngine.inMemory();

  @AfterEach
  void close() {
    engine.close();
  }

  /**
   * {@code patch-mutation}, input #112,417 of a long run: half a surrogate pair (JSON's backslash-u-D800 escape) in
   * a string passed validation, and the engine's binary codec then threw an IllegalStateException (a 500 over HTTP).
   */
  @Test
  void aStringWithAnUnpairedSurrogateIsRefusedNamingTheField() throws Exception {
    engine.addModels(Fixtures.models());
    engine.putTwin("room", Fixtures.room(20), Precondition.none());
    TwinView before = engine.getTwin("room");
    ArrayNode patch = (ArrayNode) Fixtures.JSON.readTree(
        "[{\"op\":\"add\",\"path\":\"/address\",\"value\":{\"city\":\"\\ud800\"}}]");
    Throwable thrown = catchThrowable(() -> engine.patchTwin("room", patch, Precondition.none()));
    assertThat(thrown).isInstanceOf(DoppelException.class);
    DoppelException refused = (DoppelException) thrown;
    assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(refused.details()).extracting(DoppelException.Detail::target).containsExactly("/address/city");
    assertThat(engine.getTwin("room").etag()).isEqualTo(before.etag());
  }
}
