package io.doppel.ingest.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.ingest.Ingestor;
import io.doppel.ingest.MappingResolver;
import io.doppel.ingest.Payloads;
import io.doppel.ingest.Presence;
import io.doppel.ingest.spi.DeadLetterStore;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.spi.TwinStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A real endpoint on a free port over an in-memory engine; telemetry goes to a sink that records it and, for a twin
 * the test holds, answers only when the test completes that twin's future.
 */
final class EndpointFixture implements AutoCloseable {
  static final String ROOM = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Room;1","@type":"Interface",
       "contents":[{"@type":"Property","name":"setPoint","schema":"double","writable":true},
                   {"@type":"Telemetry","name":"temperature","schema":"double"},
                   {"@type":"Telemetry","name":"humidity","schema":"double"}]}
      """;

  record Recorded(String twinId, ObjectNode values, @Nullable Instant sourceTime) {}

  final TwinEngine engine = TwinEngine.open(TwinStore.inMemory());
  final Presence presence = Presence.manual(Clock.systemUTC(), Duration.ofMinutes(5));
  final DeadLetterStore deadLetters = DeadLetterStore.inMemory();
  final List<Recorded> recorded = new CopyOnWriteArrayList<>();
  final Map<String, CompletableFuture<Void>> held = new ConcurrentHashMap<>();
  final Ingestor ingestor = new Ingestor(engine, this::record, deadLetters, presence, MappingResolver.convention(),
      Clock.systemUTC());
  final MqttEndpoint endpoint;

  EndpointFixture() {
    this(o -> o);
  }

  EndpointFixture(UnaryOperator<MqttOptions> configure) {
    engine.addModels(List.of(ROOM));
    for (String id : List.of("room-1", "room-2", "room-3")) {
      engine.putTwin(id, (ObjectNode) Payloads.MAPPER.createObjectNode().set("$metadata",
          Payloads.MAPPER.createObjectNode().put("$model", "dtmi:test:Room;1")), Precondition.none());
    }
    endpoint = MqttEndpoint.start(configure.apply(MqttOptions.of("127.0.0.1", 0)), ingestor, engine);
  }

  int port() {
    return endpoint.port();
  }

  /** Telemetry of {@code twinId} is recorded but answered only when the returned future is completed. */
  CompletableFuture<Void> hold(String twinId) {
    return held.computeIfAbsent(twinId, id -> new CompletableFuture<>());
  }

  private CompletableFuture<Void> record(String twinId, @Nullable String component, ObjectNode values,
      @Nullable Instant sourceTime) {
    engine.modelOf(twinId);
    recorded.add(new Recorded(twinId, values, sourceTime));
    CompletableFuture<Void> gate = held.get(twinId);
    return gate == null ? CompletableFuture.completedFuture(null) : gate.thenApply(v -> null);
  }

  @Override
  public void close() {
    endpoint.close();
    engine.close();
    presence.close();
  }
}
