package io.doppel.history;

import io.doppel.twin.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.history.spi.SeriesStore;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.TwinEngine;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Telemetry is checked against the twin's model (inherited contents too) before anything is recorded. */
class TelemetryTest {
  private final MutableClock clock = new MutableClock(Sensors.T0);
  private final TwinEngine engine = Sensors.engine(clock);
  private final HistoryService history =
      HistoryService.open(engine, SeriesStore.inMemory(), HistoryOptions.defaults().withClock(clock));

  @AfterEach
  void close() {
    engine.close();
    history.close();
  }

  @Test
  void recordsOwnAndInheritedTelemetryAtTheSourceTimeOrTheClock() {
    Sensors.createProbe(engine, "p1", 30);
    Instant measured = Sensors.T0.minusSeconds(30);
    history.recordTelemetry("p1", null, Sensors.object("{\"temperature\":21.5,\"humidity\":40}"), measured, null)
        .join();
    history.recordTelemetry("p1", null, Sensors.object("{\"position\":{\"x\":1.5,\"y\":-2},\"status\":\"ok\"}"),
        null, null).join();
    assertThat(read("temperature")).containsExactly(new Point(measured.toEpochMilli(), 21.5));
    assertThat(read("humidity")).containsExactly(new Point(measured.toEpochMilli(), 40));
    assertThat(read("position/x")).containsExactly(new Point(Sensors.T0.toEpochMilli(), 1.5));
    assertThat(read("position/y")).containsExactly(new Point(Sensors.T0.toEpochMilli(), -2));
  }

  @Test
  void componentTelemetryIsNamedUnderTheComponent() {
    Sensors.createProbe(engine, "p1", 30);
    history.recordTelemetry("p1", "thermostat", Sensors.object("{\"load\":0.75}"), null, null).join();
    assertThat(read("thermostat/load")).containsExactly(new Point(Sensors.T0.toEpochMilli(), 0.75));
  }

  @Test
  void refusesUnknownTelemetryWrongTypesAndPropertiesNamingEachOffendingMember() {
    Sensors.createProbe(engine, "p1", 30);
    assertThatThrownBy(() -> history.recordTelemetry("p1", null,
        Sensors.object("{\"temperature\":\"hot\",\"bogus\":1,\"threshold\":3}"), null, null))
        .isInstanceOfSatisfying(DoppelException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
          assertThat(e.details()).extracting(DoppelException.Detail::target)
              .containsExactlyInAnyOrder("/temperature", "/bogus", "/threshold");
          assertThat(e.details()).extracting(DoppelException.Detail::code)
              .contains("unknownTelemetry", "notATelemetry");
        });
    assertThat(history.latest("p1")).doesNotContainKey("temperature");
  }

  @Test
  void refusesTelemetryForAMissingTwinOrComponent() {
    assertThatThrownBy(() -> history.recordTelemetry("nobody", null, Sensors.object("{\"temperature\":1}"),
        null, null)).isInstanceOfSatisfying(DoppelException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.TWIN_NOT_FOUND));
    Sensors.createProbe(engine, "p1", 30);
    assertThatThrownBy(() -> history.recordTelemetry("p1", "nozzle", Sensors.object("{\"load\":1}"), null, null))
        .isInstanceOfSatisfying(DoppelException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.COMPONENT_NOT_FOUND));
  }

  @Test
  void aRetriedMessageIdIsRecordedOnce() {
    Sensors.createProbe(engine, "p1", 30);
    history.recordTelemetry("p1", null, Sensors.object("{\"temperature\":20}"), null, "m-1").join();
    clock.advance(Duration.ofSeconds(5));
    history.recordTelemetry("p1", null, Sensors.object("{\"temperature\":20}"), null, "m-1").join();
    history.recordTelemetry("p1", null, Sensors.object("{\"temperature\":22}"), null, "m-2").join();
    assertThat(read("temperature")).extracting(Point::value).containsExactly(20.0, 22.0);
  }

  @Test
  void readsRefuseAnEmptyRangeAndUnknownNames() {
    Sensors.createProbe(engine, "p1", 30);
    assertThatThrownBy(() -> history.range("p1", "temperature", Sensors.T0, Sensors.T0, 10))
        .isInstanceOfSatisfying(DoppelException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.details().get(0).target()).isEqualTo("to");
        });
    assertThatThrownBy(() -> history.range("p1", "pressure", Sensors.T0, Sensors.T0.plusSeconds(1), 10))
        .isInstanceOfSatisfying(DoppelException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.SERIES_NOT_FOUND);
          assertThat(e.details().get(0).target()).isEqualTo("name");
        });
    // declared but never written: an empty series, not an error
    assertThat(read("humidity")).isEmpty();
  }

  private java.util.List<Point> read(String name) {
    return history.range("p1", name, Sensors.T0.minusSeconds(3600), Sensors.T0.plusSeconds(3600), 1000).points();
  }
}
