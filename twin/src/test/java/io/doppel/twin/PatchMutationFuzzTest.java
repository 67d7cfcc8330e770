package io.doppel.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.doppel.fuzz.Fuzzer;
import io.doppel.fuzz.FuzzReport;
import io.doppel.fuzz.JsonMutator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Mutated JSON Patch bodies against a real engine and a twin with every kind of schema (Fixtures' Room): each is
 * applied, validated and written, or refused with a DoppelException naming where, and a refused patch leaves the
 * twin exactly as it was (same etag, same document).
 */
@Tag("fuzz")
class PatchMutationFuzzTest {
  private static final List<String> SEEDS = List.of(
      "[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":21.5}]",
      "[{\"op\":\"add\",\"path\":\"/tags/k\",\"value\":\"v\"},{\"op\":\"remove\",\"path\":\"/tags/k\"}]",
      "[{\"op\":\"add\",\"path\":\"/readings\",\"value\":[1.0,2.0]},{\"op\":\"add\",\"path\":\"/readings/-\",\"value\":3}]",
      "[{\"op\":\"add\",\"path\":\"/address\",\"value\":{\"city\":\"Oslo\",\"zip\":150}}]",
      "[{\"op\":\"copy\",\"from\":\"/temperature\",\"path\":\"/occupancy\"},{\"op\":\"test\",\"path\":\"/name\",\"value\":\"lab\"}]",
      "[{\"op\":\"move\",\"from\":\"/name\",\"path\":\"/status\"}]",
      "[{\"op\":\"replace\",\"path\":\"/thermostat/setpoint\",\"value\":19}]",
      "[{\"op\":\"add\",\"path\":\"/opened\",\"value\":\"2024-02-29\"},{\"op\":\"add\",\"path\":\"/lastSeen\",\"value\":\"2024-01-01T00:00:00Z\"}]",
      "[{\"op\":\"add\",\"path\":\"/cleaning\",\"value\":\"PT1H\"},{\"op\":\"add\",\"path\":\"/wakeUp\",\"value\":\"07:30:00\"}]",
      "[{\"op\":\"add\",\"path\":\"/location\",\"value\":{\"type\":\"Point\",\"coordinates\":[10.7,59.9]}}]",
      "[{\"op\":\"add\",\"path\":\"/status\",\"value\":\"open\"},{\"op\":\"add\",\"path\":\"/level\",\"value\":9007199254740993}]",
      "[{\"op\":\"remove\",\"path\":\"/thermostat\"}]",
      "[{\"op\":\"replace\",\"path\":\"/$metadata/$model\",\"value\":\"dtmi:test:Device;1\"}]");
  private static final List<String> TOKENS = List.of("\"op\"", "\"path\"", "\"from\"", "\"value\"", "\"add\"",
      "\"remove\"", "\"replace\"", "\"move\"", "\"copy\"", "\"test\"", "\"/temperature\"", "\"/tags\"",
      "\"/readings/0\"", "\"/readings/-\"", "\"/address/zip\"", "\"/thermostat\"", "\"/thermostat/$metadata\"",
      "\"/$metadata\"", "\"/$dtId\"", "\"/$etag\"", "\"\"", "\"/\"", "\"/~0~1\"", "\"/~2\"", "{", "}", "[", "]", ",",
      ":", "null", "true", "1e400", "-0", "9223372036854775808", "\"NaN\"", "{\"$metadata\":{}}", "\"\\ud800\"");

  private final TwinEngine engine = TwinEngine.inMemory();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void mutatedPatchesApplyOrAreRefusedWithoutATrace() {
    engine.addModels(Fixtures.models());
    engine.putTwin("room", Fixtures.room(20), Precondition.none());
    JsonMutator mutator = new JsonMutator(SEEDS, TOKENS, 16 * 1024);
    FuzzReport report = Fuzzer.named("patch-mutation", 1_500).text(mutator::nextMixed, text -> {
      JsonNode body;
      try {
        body = Fixtures.JSON.readTree(text);
      } catch (JsonProcessingException e) {
        return "notJson"; // the server's body reader refuses these; the HTTP fuzz checks that path
      }
      boolean component = text.length() % 2 == 0;
      TwinView before = engine.getTwin("room");
      try {
        if (!(body instanceof ArrayNode patch)) {
          io.doppel.twin.patch.JsonPatch.parse(body);
          throw new AssertionError("a non-array patch was accepted: " + body);
        }
        if (component) {
          engine.patchComponent("room", "thermostat", patch, Precondition.none());
        } else {
          engine.patchTwin("room", patch, Precondition.none());
        }
        engine.putTwin("room", Fixtures.room(20), Precondition.none()); // back to the seed state
        return "applied";
      } catch (DoppelException refused) {
        assertThat(refused.getMessage()).as(text).isNotBlank();
        TwinView after = engine.getTwin("room");
        assertThat(after.etag()).as("etag after refused %s", text).isEqualTo(before.etag());
        assertThat(after.json()).as("twin after refused %s", text).isEqualTo(before.json());
        return refused.code() + (refused.details().isEmpty() ? "" : "/" + refused.details().get(0).code());
      }
    });
    assertThat(report.count("applied")).as(report.line()).isGreaterThan(report.inputs() / 50);
  }
}
