package io.doppel.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What a mapping makes of a message: telemetry to record or a patch of a twin's properties. */
public sealed interface TwinUpdate {
  String twinId();

  /** Telemetry values of a twin (or of one of its components), timed by the source when it says so. */
  record Telemetry(String twinId, @Nullable String component, ObjectNode values, @Nullable Instant sourceTime)
      implements TwinUpdate {}

  /** An RFC 6902 patch of the twin's properties, validated against its model when applied. */
  record Patch(String twinId, ArrayNode patch) implements TwinUpdate {}
}
