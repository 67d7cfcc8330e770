package io.doppel.generator;

import static io.doppel.generator.Signals.approach;
import static io.doppel.generator.Signals.round;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The factory: machines run at their rated cycle, draw power, heat their motors and bearings and shake a little; the
 * sensors that {@code monitors} a machine read its temperature and vibration. A machine fault first shows as a drift:
 * over its first two thirds temperature climbs and vibration grows, then the machine stops ({@code status: fault}),
 * produces nothing and cools, and finally returns to {@code running}.
 */
final class FactoryDomain implements Domain {
  static final String FAULT = "machine-fault";

  private final DemoGraph graph;
  private final RandomGenerator random;
  private final Map<String, Machine> machines = new LinkedHashMap<>();
  private final Map<String, Double> battery = new HashMap<>();

  FactoryDomain(DemoGraph graph, RandomGenerator random) {
    this.graph = graph;
    this.random = random;
    for (String model : List.of("Machine", "CncMachine")) {
      for (ObjectNode m : graph.twinsOf(model)) {
        machines.put(DemoGraph.id(m), new Machine(m, model.equals("CncMachine")));
      }
    }
    for (String model : List.of("TemperatureSensor", "VibrationSensor")) {
      graph.twinsOf(model).forEach(s -> battery.put(DemoGraph.id(s), 60 + random.nextDouble() * 40));
    }
  }

  @Override
  public String pack() {
    return "factory";
  }

  @Override
  public void step(Instant now, double dt, List<Incident> active, boolean live, Consumer<Update> out) {
    for (Machine m : machines.values()) {
      Incident fault = Domain.on(active, FAULT, m.id);
      double drift = 0;
      String wanted = m.baseStatus;
      if (fault != null) {
        double p = fault.progress(now);
        drift = p < 2.0 / 3 ? p * 1.5 : 0;
        wanted = p < 2.0 / 3 ? m.baseStatus : "fault";
      }
      boolean running = wanted.equals("running");
      double targetTemp = running ? 48 + 30 * drift : 26;
      m.temperature = approach(m.temperature, targetTemp, 240, dt);
      m.vibration = running ? 0.35 * (1 + 4 * drift * drift) : 0.02;
      double cycles = running ? m.capacityPerHour * dt / 3600 * Signals.noise(random, 0.05) : 0;
      m.partsCarry += cycles;
      int parts = (int) m.partsCarry;
      m.partsCarry -= parts;
      int rejected = 0;
      for (int i = 0; i < parts; i++) {
        rejected += random.nextDouble() < 0.015 + 0.2 * drift ? 1 : 0;
      }
      double power = running ? m.ratedPower * (0.65 + 0.2 * random.nextDouble()) : m.ratedPower * 0.03;
      out.accept(new Update.Telemetry(m.id, null, DemoGraph.JSON.createObjectNode()
          .put("partsProduced", parts).put("partsRejected", rejected).put("powerDraw", round(power, 2)), now));
      double speed = running ? m.ratedSpeed * Signals.noise(random, 0.01) : 0;
      out.accept(new Update.Telemetry(m.id, "motor", DemoGraph.JSON.createObjectNode()
          .put("current", round(power / 0.4 * Signals.noise(random, 0.02), 2))
          .put("speed", round(speed, 1))
          .put("windingTemperature", round(m.temperature + 12, 2)), now));
      if (m.cnc) {
        out.accept(new Update.Telemetry(m.id, "spindle", DemoGraph.JSON.createObjectNode()
            .put("speed", round(running ? 8000 * Signals.noise(random, 0.03) : 0, 0))
            .put("load", round(running ? Signals.clamp(0.55 + 0.3 * drift + random.nextGaussian() * 0.05, 0, 1) : 0, 3))
            .put("bearingTemperature", round(m.temperature + 6 + 20 * drift, 2)), now));
      }
      sensors(m, now, dt, live, out);
      if (live && !wanted.equals(m.reported)) {
        m.reported = wanted;
        out.accept(new Update.Properties(m.id, DemoGraph.JSON.createObjectNode().put("status", wanted), now));
      }
    }
  }

  private void sensors(Machine m, Instant now, double dt, boolean live, Consumer<Update> out) {
    for (ObjectNode monitor : graph.incoming(m.id, "monitors")) {
      String sensor = monitor.path("$sourceId").asText();
      double level = battery.merge(sensor, -dt / 36_000, Double::sum); // about 1% every ten hours
      if (sensor.contains("-vib")) {
        out.accept(new Update.Telemetry(sensor, null, DemoGraph.JSON.createObjectNode()
            .put("acceleration", round(m.vibration * Signals.noise(random, 0.08), 4))
            .put("dominantFrequency", round(m.ratedSpeed / 60 * Signals.noise(random, 0.01), 2))
            .put("batteryLevel", round(Math.max(0, level), 2)), now));
      } else {
        double reading = round(m.temperature * Signals.noise(random, 0.005), 2);
        out.accept(new Update.Telemetry(sensor, null, DemoGraph.JSON.createObjectNode()
            .put("temperature", reading).put("batteryLevel", round(Math.max(0, level), 2)), now));
        if (live) {
          out.accept(new Update.Properties(sensor, DemoGraph.JSON.createObjectNode().put("lastTemperature", reading),
              now));
        }
      }
    }
  }

  @Override
  public @Nullable Incident incident(Instant now, RandomGenerator random) {
    List<String> running = new ArrayList<>();
    machines.values().stream().filter(m -> m.baseStatus.equals("running")).forEach(m -> running.add(m.id));
    if (running.isEmpty()) {
      return null;
    }
    String id = running.get(random.nextInt(running.size()));
    Duration length = Duration.ofMinutes(4 + random.nextInt(4));
    return new Incident(FAULT, id, now, length,
        "machine " + id + " drifts (temperature, vibration) and then faults, over " + length.toMinutes() + " min");
  }

  private static final class Machine {
    final String id;
    final boolean cnc;
    final String baseStatus;
    final double capacityPerHour;
    final double ratedPower;
    final double ratedSpeed;
    double temperature = 40;
    double vibration = 0.35;
    double partsCarry;
    @Nullable String reported;

    Machine(ObjectNode twin, boolean cnc) {
      this.id = DemoGraph.id(twin);
      this.cnc = cnc;
      this.baseStatus = twin.path("status").asText("running");
      this.capacityPerHour = twin.path("capacityPerHour").asDouble(60);
      this.ratedPower = twin.path("motor").path("ratedPower").asDouble(15);
      this.ratedSpeed = twin.path("motor").path("ratedSpeed").asDouble(1480);
      this.reported = baseStatus;
    }
  }
}
