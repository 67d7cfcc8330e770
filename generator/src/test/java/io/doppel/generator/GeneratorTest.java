package io.doppel.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratorTest {
  static final Instant NOON = Instant.parse("2026-12-02T12:00:00Z"); // a Wednesday
  static final Instant NIGHT = Instant.parse("2026-12-02T03:00:00Z");

  private static List<Update> step(Generator g, Instant t) {
    return step(g, t, 1);
  }

  private static List<Update> step(Generator g, Instant t, double dt) {
    List<Update> out = new ArrayList<>();
    g.step(t, dt, true, out::add);
    return out;
  }

  private static double value(List<Update> updates, String twinId, String name) {
    return updates.stream().filter(u -> u instanceof Update.Telemetry t && t.twinId().equals(twinId)
            && t.component() == null && t.values().has(name))
        .mapToDouble(u -> ((Update.Telemetry) u).values().path(name).asDouble()).findFirst().orElseThrow();
  }

  @Test
  void everyTelemetryBearingTwinOfEveryPackReports() {
    Generator g = new Generator(DemoGraph.all(), 1, Duration.ZERO, NOON);
    assertThat(g.packs()).containsExactly("software-platform", "factory", "building");
    Set<String> reported = new HashSet<>();
    step(g, NOON).forEach(u -> reported.add(u.twinId()));
    assertThat(reported).contains("web-frontend", "payment", "k8s-node-1", "orders-db", "order-events", "kafka",
        "machining-cnc-1", "machining-cnc-1-temp", "machining-cnc-1-vib", "room-101", "ahu-1", "meter-main");
  }

  @Test
  void loadFollowsTheDayAndFlowsDownTheCallGraph() {
    Generator g = new Generator(DemoGraph.all(), 1, Duration.ZERO, NIGHT);
    double night = value(step(g, NIGHT), "web-frontend", "requestRate");
    double noon = value(step(g, NOON), "web-frontend", "requestRate");
    assertThat(noon).isGreaterThan(night * 2);
    List<Update> updates = step(g, NOON);
    // api-gateway gets three calls per web-frontend request
    assertThat(value(updates, "api-gateway", "requestRate"))
        .isBetween(value(updates, "web-frontend", "requestRate") * 2.5, value(updates, "web-frontend", "requestRate") * 3.5);
    // a caller is at least as slow as the slowest service it calls
    assertThat(value(updates, "checkout", "latencyP99")).isGreaterThan(value(updates, "payment", "latencyP99") * 0.8);
  }

  @Test
  void aLatencySpikeSlowsTheServiceAndItsCallersAndMarksItDegraded() {
    Generator g = new Generator(DemoGraph.all(), 1, Duration.ZERO, NOON);
    double before = value(step(g, NOON), "payment", "latencyP99");
    double checkoutBefore = value(step(g, NOON.plusSeconds(1)), "checkout", "latencyP99");
    g.inject(new Incident(PlatformDomain.SPIKE, "payment", NOON.plusSeconds(2), Duration.ofMinutes(2), "test"));
    List<Update> during = step(g, NOON.plusSeconds(3));
    assertThat(value(during, "payment", "latencyP99")).isGreaterThan(before * 3);
    assertThat(value(during, "checkout", "latencyP99")).isGreaterThan(checkoutBefore * 1.5);
    assertThat(during).anySatisfy(u -> {
      assertThat(u).isInstanceOf(Update.Properties.class);
      assertThat(u.twinId()).isEqualTo("payment");
      assertThat(((Update.Properties) u).values().path("status").asText()).isEqualTo("degraded");
    });
    List<Update> after = step(g, NOON.plusSeconds(200));
    assertThat(after).anySatisfy(u -> assertThat(u instanceof Update.Properties p && p.twinId().equals("payment")
        && p.values().path("status").asText().equals("healthy")).isTrue());
  }

  @Test
  void aMachineFaultDriftsBeforeTheMachineStops() {
    Generator g = new Generator(DemoGraph.all(), 1, Duration.ZERO, NOON);
    Instant t = NOON;
    for (int i = 0; i < 1800; i += 10) { // warm up to a steady temperature
      step(g, t = t.plusSeconds(10), 10);
    }
    double steady = value(step(g, t = t.plusSeconds(10), 10), "machining-cnc-1-temp", "temperature");
    double vibration = value(step(g, t = t.plusSeconds(10), 10), "machining-cnc-1-vib", "acceleration");
    g.inject(new Incident(FactoryDomain.FAULT, "machining-cnc-1", t, Duration.ofMinutes(6), "test"));
    List<Update> drifting = List.of();
    for (int i = 0; i < 230; i += 10) {
      drifting = step(g, t = t.plusSeconds(10), 10);
    }
    assertThat(value(drifting, "machining-cnc-1-temp", "temperature")).isGreaterThan(steady + 5);
    assertThat(value(drifting, "machining-cnc-1-vib", "acceleration")).isGreaterThan(vibration * 2);
    List<Update> faulted = step(g, t.plusSeconds(60), 60);
    assertThat(faulted).anySatisfy(u -> assertThat(u instanceof Update.Properties p
        && p.twinId().equals("machining-cnc-1") && p.values().path("status").asText().equals("fault")).isTrue());
    assertThat(value(faulted, "machining-cnc-1", "partsProduced")).isZero();
  }

  @Test
  void offices_fillOnWeekdaysAndStayEmptyAtNight() {
    Generator g = new Generator(DemoGraph.all(), 7, Duration.ZERO, NIGHT);
    assertThat(value(step(g, NIGHT), "room-101", "occupancy")).isZero();
    assertThat(value(step(g, NOON.minusSeconds(3600)), "room-101", "occupancy")).isGreaterThan(5);
  }

  @Test
  void incidentsArriveOnTheirOwnWhenAsked() {
    Generator g = new Generator(DemoGraph.all(), 3, Duration.ofMinutes(5), NOON);
    Instant t = NOON;
    for (int i = 0; i < 3600; i += 30) {
      g.step(t = t.plusSeconds(30), 30, true, u -> { });
    }
    assertThat(g.incidents()).isNotEmpty();
    assertThat(g.incidents()).allSatisfy(i -> assertThat(i.description()).isNotBlank());
  }

  @Test
  void theSameSeedGivesTheSameData() {
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    new Generator(DemoGraph.all(), 42, Duration.ZERO, NOON).step(NOON, 1, true, u -> a.add(u.toString()));
    new Generator(DemoGraph.all(), 42, Duration.ZERO, NOON).step(NOON, 1, true, u -> b.add(u.toString()));
    assertThat(a).isEqualTo(b);
  }
}
