package io.doppel.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The own Smile writer must give Jackson's bytes for every document it takes, and leave to Jackson (answer
 * {@code null}) every document it does not: random trees over the edges of its encodings (number widths, string
 * lengths around 64, more names and strings than one-byte back-references reach, non-ASCII text, other node kinds).
 */
class SmileWriterTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper JACKSON = new ObjectMapper(SmileFactory.builder()
      .enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES)
      .enable(SmileGenerator.Feature.CHECK_SHARED_NAMES)
      .build());
  private static final long[] NUMBERS = {0, 1, -1, 15, -16, 16, -17, 31, 32, 63, 64, -64, -65, 127, 128, 8191, 8192,
      -8193, 1 << 20, -(1 << 20), Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE + 1L,
      Integer.MIN_VALUE - 1L, 1L << 40, -(1L << 40), 1L << 55, 1L << 62, Long.MAX_VALUE, Long.MIN_VALUE};

  @Test
  void writesJacksonsBytesOrLeavesTheDocumentToJackson() throws Exception {
    int own = 0;
    for (long seed = 0; seed < 2000; seed++) {
      ObjectNode doc = object(new Random(seed), 0);
      byte[] bytes = SmileWriter.encode(doc);
      byte[] jackson = JACKSON.writeValueAsBytes(doc);
      if (bytes != null) {
        assertThat(bytes).as("seed %d", seed).isEqualTo(jackson);
        own++;
      }
      assertThat(TwinCodec.encode(doc)).as("seed %d", seed).isEqualTo(jackson);
    }
    // Both paths are exercised: most random documents are the writer's, the rest Jackson's.
    assertThat(own).isBetween(500, 1900);
  }

  @Test
  void takesATypicalTwin() throws Exception {
    ObjectNode doc = F.objectNode();
    doc.put("$dtId", "sensor-1");
    ObjectNode metadata = doc.putObject("$metadata").put("$model", "dtmi:factory:Sensor;1")
        .put("$lastUpdateTime", "2026-12-01T22:00:00.123456Z");
    for (int i = 0; i < 10; i++) {
      doc.put("p" + i, i % 2 == 0 ? (JsonNode) F.numberNode(i * 1.25) : F.numberNode(i));
      metadata.putObject("p" + i).put("lastUpdateTime", "2026-12-01T22:00:00.123456Z");
    }
    byte[] own = SmileWriter.encode(doc);
    assertThat(own).isNotNull().isEqualTo(JACKSON.writeValueAsBytes(doc));
    assertThat(JACKSON.readTree(own)).isEqualTo(doc);
  }

  @Test
  void leavesWhatItDoesNotCoverToJackson() {
    assertThat(SmileWriter.encode(F.objectNode().put("name", "café"))).isNull();
    assertThat(SmileWriter.encode(F.objectNode().put("é", 1))).isNull();
    assertThat(SmileWriter.encode(F.objectNode().put("f", 1.5f))).isNull();
    ObjectNode many = F.objectNode();
    for (int i = 0; i <= 64; i++) {
      many.put("n" + i, i);
    }
    assertThat(SmileWriter.encode(many)).isNull();
    many.remove("n64");
    assertThat(SmileWriter.encode(many)).isNotNull();
  }

  private static ObjectNode object(Random random, int depth) {
    ObjectNode object = F.objectNode();
    int members = random.nextInt(depth == 0 ? 40 : 8);
    for (int i = 0; i < members; i++) {
      object.set(name(random), value(random, depth + 1));
    }
    return object;
  }

  private static String name(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> "";
      case 1 -> "n" + random.nextInt(100); // sometimes more names than 64
      case 2 -> "x".repeat(60 + random.nextInt(8)); // around the 64-byte short-name limit
      case 3 -> random.nextInt(20) == 0 ? "ü" + random.nextInt(3) : "m" + random.nextInt(3);
      default -> "n" + random.nextInt(12);
    };
  }

  private static JsonNode value(Random random, int depth) {
    return switch (random.nextInt(depth > 3 ? 9 : 11)) {
      case 0 -> F.numberNode((int) NUMBERS[random.nextInt(NUMBERS.length)]);
      case 1 -> F.numberNode(NUMBERS[random.nextInt(NUMBERS.length)]);
      case 2 -> F.numberNode(random.nextInt(3) == 0 ? Double.NaN : random.nextGaussian() * 1e6);
      case 3 -> F.textNode(text(random));
      case 4 -> F.booleanNode(random.nextBoolean());
      case 5 -> F.nullNode();
      case 6 -> F.textNode("v" + random.nextInt(40)); // sometimes more strings than 31
      case 7 -> random.nextInt(20) == 0 ? F.numberNode(2.5f) : F.numberNode(random.nextInt());
      case 8 -> F.textNode("2026-12-01T22:00:0" + random.nextInt(3) + "Z");
      case 9 -> object(random, depth);
      default -> {
        ArrayNode array = F.arrayNode();
        for (int i = random.nextInt(5); i > 0; i--) {
          array.add(value(random, depth + 1));
        }
        yield array;
      }
    };
  }

  private static String text(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> "";
      case 1 -> "t".repeat(62 + random.nextInt(5)); // around the 64-byte short-string limit
      case 2 -> "long ".repeat(20 + random.nextInt(3));
      case 3 -> random.nextInt(20) == 0 ? "ü" + random.nextInt(5) : "u" + random.nextInt(5);
      default -> "s" + random.nextInt(8);
    };
  }
}
