package io.doppel.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Where telemetry goes (the history, in the server). The future completes once the values are durable; a value
 * the twin's model refuses fails it, or the call itself, with a {@link io.doppel.twin.DoppelException}.
 */
@FunctionalInterface
public interface TelemetrySink {
  CompletableFuture<Void> record(String twinId, @Nullable String component, ObjectNode values,
      @Nullable Instant sourceTime);
}
