package io.doppel.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.doppel.twin.spi.TwinStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The in-place path for top-level property patches ({@link PropertyPatch}) must give exactly what the general path
 * (patch the tree, validate the whole twin, rebuild it) gives. A twin loaded from a store takes the general path
 * for its first patch; one just written by the engine takes the in-place path: compare the two.
 */
class PropertyPatchTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String[] NAMES = {"temperature", "name", "occupancy", "level", "status", "tags", "readings"};

  @Property(tries = 150)
  void inPlacePathGivesWhatTheGeneralPathGives(@ForAll("patches") ArrayNode patch) {
    Outcome fast = outcome(patch, false);
    Outcome general = outcome(patch, true);
    assertThat(fast).isEqualTo(general);
  }

  private record Outcome(JsonNode twin, String refused) {}

  /** A clock the test moves forward, so both paths stamp the same times. */
  private static final class StepClock extends Clock {
    volatile Instant now = Instant.parse("2026-01-02T03:04:05.123456Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Writes the twin, optionally reopens the engine (forgetting what the twin was validated against), patches. */
  private static Outcome outcome(ArrayNode patch, boolean reopen) {
    StepClock clock = new StepClock();
    TwinStore store = TwinStore.inMemory();
    TwinEngine engine = TwinEngine.open(store, clock);
    try {
      engine.addModels(Fixtures.models());
      engine.putTwin("room", Fixtures.json("""
          {"$metadata": {"$model": "dtmi:test:Room;1"}, "temperature": 20, "name": "lab", "occupancy": 3,
           "tags": {"a": "b"}, "thermostat": {"$metadata": {}, "setpoint": 21.5}}"""), Precondition.none());
      clock.now = clock.now.plusSeconds(1);
      if (reopen) {
        engine.close();
        engine = TwinEngine.open(store, clock);
      }
      try {
        return new Outcome(engine.patchTwin("room", patch, Precondition.none()).json(), "");
      } catch (DoppelException e) {
        return new Outcome(F.nullNode(), e.code() + ": " + e.getMessage() + " " + e.details());
      }
    } finally {
      engine.close();
    }
  }

  @Provide
  Arbitrary<ArrayNode> patches() {
    Arbitrary<JsonNode> values = Arbitraries.oneOf(
        Arbitraries.integers().between(-5, 25).map(i -> (JsonNode) F.numberNode(i)),
        Arbitraries.longs().between(18, 22).map(l -> (JsonNode) F.numberNode(l)),
        Arbitraries.doubles().between(-10, 30).map(d -> (JsonNode) F.numberNode(d)),
        Arbitraries.of("lab", "open", "closed", "x").map(s -> (JsonNode) F.textNode(s)),
        Arbitraries.of(true, false).map(b -> (JsonNode) F.booleanNode(b)),
        Arbitraries.just((JsonNode) Fixtures.json("{\"a\": \"b\"}")),
        Arbitraries.just((JsonNode) Fixtures.json("{\"a\": 1}")),
        Arbitraries.just(F.arrayNode().add(1.5).add(2)),
        Arbitraries.just(F.nullNode()));
    Arbitrary<JsonNode> op = Combinators.combine(Arbitraries.of("add", "replace"), Arbitraries.of(NAMES), values)
        .as((kind, name, value) -> F.objectNode().put("op", kind).put("path", "/" + name).set("value", value));
    return op.list().ofMinSize(1).ofMaxSize(3).map(ops -> {
      ArrayNode patch = F.arrayNode();
      patch.addAll(List.copyOf(ops));
      return patch;
    });
  }
}
