package io.doppel.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * Told of each telemetry message once its values are durable, on the history's writer thread: only hand the
 * message on. {@code message} is shared: treat it as read-only.
 */
@FunctionalInterface
public interface TelemetryListener {
  void recorded(String twinId, @Nullable String component, ObjectNode message);
}
