package io.doppel.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The encoder writes trees straight onto a Smile generator: its bytes must be Jackson's, byte for byte. */
class TwinCodecTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper JACKSON = new ObjectMapper(SmileFactory.builder()
      .enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES)
      .enable(SmileGenerator.Feature.CHECK_SHARED_NAMES)
      .build());

  @Test
  void encodesEveryKindOfNodeAsJacksonDoes() throws Exception {
    ObjectNode doc = F.objectNode();
    doc.put("$dtId", "room-1");
    doc.putObject("$metadata").put("$model", "dtmi:test:Room;1").put("$lastUpdateTime", "2026-01-02T03:04:05Z")
        .putObject("temperature").put("lastUpdateTime", "2026-01-02T03:04:05Z");
    doc.put("temperature", 21.5).put("count", 7).put("big", 1L << 40).put("on", true).putNull("nothing");
    doc.put("name", "a room with a name longer than sixty-four bytes, so that Smile does not share it at all");
    doc.put("exact", new BigDecimal("12.3400")).put("huge", new BigInteger("123456789012345678901234567890"));
    doc.put("float", 1.5f).put("short", (short) 3);
    doc.putArray("tags").add("a").add(1).add(F.objectNode().put("nested", "a")).add(F.arrayNode());
    assertThat(TwinCodec.encode(doc)).isEqualTo(JACKSON.writeValueAsBytes(doc));
    assertThat(TwinCodec.decode(TwinCodec.encode(doc))).isEqualTo(JACKSON.readTree(JACKSON.writeValueAsBytes(doc)));
  }

  @Property(tries = 100)
  void encodesEditedCopiesAsJacksonEncodesPlainTrees(@ForAll @IntRange(min = 0, max = 80) int properties,
      @ForAll @IntRange(min = 0, max = 90) int edited) throws Exception {
    ObjectNode doc = F.objectNode();
    doc.put("$dtId", "t");
    ObjectNode metadata = doc.putObject("$metadata").put("$model", "dtmi:test:T;1");
    for (int i = 0; i < properties; i++) {
      doc.put("p" + i, i * 1.5);
      metadata.putObject("p" + i).put("lastUpdateTime", "then");
    }
    ObjectNode before = doc.deepCopy();
    ObjectNode copy = TwinCodec.editableCopy(doc);
    copy.put("p" + edited, "new");
    ((ObjectNode) copy.get("$metadata")).putObject("p" + edited).put("lastUpdateTime", "now");
    // The copy is encoded as the same tree built with Jackson's own maps would be, and the original is untouched.
    ObjectNode plain = (ObjectNode) new ObjectMapper().readTree(copy.toString());
    assertThat(TwinCodec.encode(copy)).isEqualTo(JACKSON.writeValueAsBytes(plain));
    assertThat(copy).isEqualTo(plain);
    assertThat(doc).isEqualTo(before);
    // A copy of the copy edits independently too.
    ObjectNode second = TwinCodec.editableCopy(copy);
    second.put("p" + edited, false);
    assertThat(copy.get("p" + edited).asText()).isEqualTo("new");
    JsonNode reread = TwinCodec.decode(TwinCodec.encode(second));
    assertThat(reread.get("p" + edited).booleanValue()).isFalse();
  }
}
