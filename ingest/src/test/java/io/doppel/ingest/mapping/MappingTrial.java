package io.doppel.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.ingest.Message;
import io.doppel.ingest.TwinUpdate;
import io.doppel.ingest.Unmappable;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One fuzz trial of the mapping layer, the way a stored mapping meets a message: read (JSON or YAML), parse,
 * then map a payload. The only failures allowed are MAPPING_INVALID naming a field (definition) and Unmappable
 * with a reason and a message (evaluation); a mapping that maps returns at most a telemetry and a patch update.
 */
final class MappingTrial {
  static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  private MappingTrial() {}

  static String run(String definition, String topic, String payload) {
    MappingDefinition mapping;
    try {
      mapping = MappingParser.parse("fuzz", 1, MappingParser.read(definition));
    } catch (DoppelException refused) {
      assertThat(refused.code()).as(refused.getMessage()).isEqualTo(ErrorCode.MAPPING_INVALID);
      assertThat(refused.details()).singleElement().satisfies(d -> assertThat(d.target()).isNotBlank());
      return "MAPPING_INVALID/" + refused.details().get(0).target().replaceAll("\\..*", "");
    }
    return map(mapping, topic, payload);
  }

  static String map(MappingDefinition mapping, String topic, String payload) {
    Message message = new Message("mqtt", "dev-1", topic, "k-1", payload.getBytes(StandardCharsets.UTF_8),
        Map.of("Site", "north"), NOW);
    try {
      List<TwinUpdate> updates = mapping.map(message);
      assertThat(updates).hasSizeLessThanOrEqualTo(2);
      return "mapped";
    } catch (Unmappable unmappable) {
      assertThat(unmappable.reason()).isNotBlank();
      assertThat(unmappable.getMessage()).isNotBlank();
      return "Unmappable/" + unmappable.reason();
    }
  }
}
