package io.doppel.generator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One thing the generator sends: telemetry of a twin (or of a component), or new values of its properties. */
public sealed interface Update {
  String twinId();

  Instant time();

  record Telemetry(String twinId, @Nullable String component, ObjectNode values, Instant time) implements Update {}

  record Properties(String twinId, ObjectNode values, Instant time) implements Update {}
}
