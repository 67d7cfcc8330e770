package io.doppel.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.ingest.spi.DeadLetter;
import io.doppel.ingest.spi.DeadLetterStore;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.MutableClock;
import io.doppel.twin.Origin;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinEvent;
import io.doppel.twin.spi.TwinStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IngestorTest {
  static final String ROOM = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Room;1","@type":"Interface",
       "contents":[{"@type":"Property","name":"setPoint","schema":"double","writable":true},
                   {"@type":"Property","name":"label","schema":"string","writable":true},
                   {"@type":"Telemetry","name":"temperature","schema":"double"}]}
      """;

  final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
  final TwinEngine engine = TwinEngine.open(TwinStore.inMemory(), clock);
  final List<String> recorded = new CopyOnWriteArrayList<>();
  final DeadLetterStore deadLetters = DeadLetterStore.inMemory();
  final Presence presence = Presence.manual(clock, Duration.ofSeconds(30));
  final Ingestor ingestor = new Ingestor(engine, this::record, deadLetters, presence, MappingResolver.convention(),
      clock);

  IngestorTest() {
    engine.addModels(List.of(ROOM));
    engine.putTwin("room-1", (ObjectNode) Payloads.MAPPER.createObjectNode()
        .set("$metadata", Payloads.MAPPER.createObjectNode().put("$model", "dtmi:test:Room;1")), Precondition.none());
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private CompletableFuture<Void> record(String twinId, String component, ObjectNode values, Instant sourceTime) {
    engine.modelOf(twinId); // the history refuses unknown twins the same way
    recorded.add(twinId + " " + values);
    return CompletableFuture.completedFuture(null);
  }

  private Outcome send(String topic, String payload) {
    return ingestor.ingest(Message.of("mqtt", "device-1", topic, payload.getBytes(StandardCharsets.UTF_8),
        clock.instant())).join();
  }

  @Test
  void propertyReportPatchesTheTwinWithItsOrigin() {
    List<TwinEvent> events = new CopyOnWriteArrayList<>();
    engine.subscribe(events::add);
    Outcome outcome = send("twins/room-1/properties", "{\"setPoint\": 21.5, \"label\": \"north\"}");
    assertThat(outcome.isApplied()).isTrue();
    assertThat(engine.getTwin("room-1").json().get("setPoint").asDouble()).isEqualTo(21.5);
    assertThat(events).last().extracting(TwinEvent::origin).isEqualTo(Origin.of("mqtt", "device-1"));
    assertThat(presence.state("room-1")).hasValueSatisfying(c -> assertThat(c.online()).isTrue());
  }

  @Test
  void telemetryGoesToTheSink() {
    assertThat(send("twins/room-1/telemetry", "{\"temperature\": 20.25}").isApplied()).isTrue();
    assertThat(recorded).containsExactly("room-1 {\"temperature\":20.25}");
  }

  @Test
  void malformedJsonIsDeadLetteredWithItsPosition() {
    Outcome outcome = send("twins/room-1/telemetry", "{\"temperature\": 20.25,,}");
    DeadLetter letter = outcome.deadLetter();
    assertThat(letter).isNotNull();
    assertThat(letter.reason()).isEqualTo("PAYLOAD_NOT_JSON");
    assertThat(letter.detail()).contains("line 1, column 23");
    assertThat(new String(letter.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"temperature\": 20.25,,}");
    assertThat(deadLetters.count()).isEqualTo(1);
  }

  @Test
  void unknownTwinAndWrongTypeAreDeadLettered() {
    assertThat(send("twins/nobody/properties", "{\"setPoint\": 1}").deadLetter().reason())
        .isEqualTo(ErrorCode.TWIN_NOT_FOUND.name());
    DeadLetter wrongType = send("twins/room-1/properties", "{\"setPoint\": \"warm\"}").deadLetter();
    assertThat(wrongType.reason()).isEqualTo(ErrorCode.VALIDATION_FAILED.name());
    assertThat(wrongType.detail()).contains("setPoint");
    assertThat(wrongType.twinId()).isEqualTo("room-1");
    assertThat(send("elsewhere/room-1", "{}").deadLetter().reason()).isEqualTo("NO_MAPPING");
    assertThat(ingestor.deadLetteredCount()).isEqualTo(3);
    assertThat(engine.getTwin("room-1").json().has("setPoint")).isFalse();
  }

  @Test
  void aStorageFailureFailsTheMessageSoThatItIsNotAcknowledged() {
    Ingestor failing = new Ingestor(engine, (id, c, v, t) -> CompletableFuture.failedFuture(
        new DoppelException(ErrorCode.STORAGE_FAILURE, "disk full")), deadLetters, presence,
        MappingResolver.convention(), clock);
    CompletableFuture<Outcome> outcome = failing.ingest(Message.of("mqtt", "d", "twins/room-1/telemetry",
        "{\"temperature\":1}".getBytes(StandardCharsets.UTF_8), clock.instant()));
    assertThat(outcome).isCompletedExceptionally();
    assertThat(deadLetters.count()).isZero();
  }
}
