package io.doppel.generator;

import static io.doppel.generator.Signals.approach;
import static io.doppel.generator.Signals.round;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The office building: people come in on weekdays' office hours; each person warms a room and breathes CO2; the air
 * handler serving a room pulls it back to its set point, harder (and with more fan power) the more people there are.
 * Energy meters add up lighting, plug loads and the air handlers. An air-handler fault stops it: its rooms warm up
 * and their CO2 climbs until it runs again.
 */
final class BuildingDomain implements Domain {
  static final String AHU_FAULT = "air-handler-fault";

  private final DemoGraph graph;
  private final RandomGenerator random;
  private final Map<String, Room> rooms = new LinkedHashMap<>();
  private final Map<String, Double> energy = new HashMap<>();
  private final Map<String, String> ahuStatus = new HashMap<>();

  BuildingDomain(DemoGraph graph, RandomGenerator random) {
    this.graph = graph;
    this.random = random;
    for (ObjectNode room : graph.twinsOf("Room")) {
      String id = DemoGraph.id(room);
      List<ObjectNode> served = graph.outgoing(id, "servedBy");
      String ahu = served.isEmpty() ? "" : served.get(0).path("$targetId").asText();
      List<ObjectNode> floors = graph.incoming(id, "contains");
      String floor = floors.isEmpty() ? "" : floors.get(0).path("$sourceId").asText();
      rooms.put(id, new Room(id, floor, ahu, room.path("capacity").asInt(10), room.path("floorArea").asDouble(50),
          room.path("setPoint").asDouble(21)));
    }
    graph.twinsOf("EnergyMeter").forEach(m -> energy.put(DemoGraph.id(m), 10_000 + random.nextDouble() * 50_000));
  }

  @Override
  public String pack() {
    return "building";
  }

  @Override
  public void step(Instant now, double dt, List<Incident> active, boolean live, Consumer<Update> out) {
    double office = Signals.officeHours(now, 1);
    Map<String, Double> demand = new HashMap<>();
    Map<String, Integer> served = new HashMap<>();
    Map<String, Double> floorPower = new HashMap<>();
    for (Room r : rooms.values()) {
      boolean ahuDown = Domain.on(active, AHU_FAULT, r.ahu) != null;
      double expected = r.capacity * office * (0.5 + 0.4 * random.nextDouble());
      int people = (int) Math.round(Math.max(0, expected + random.nextGaussian() * Math.sqrt(expected + 0.01)));
      people = Math.min(people, r.capacity);
      double heat = people * 0.12 / Math.max(1, r.area / 20);
      double target = ahuDown ? r.temperature + 2 + heat * 4 : r.setPoint + heat * 0.6;
      r.temperature = approach(r.temperature, Math.min(target, 32), ahuDown ? 900 : 600, dt);
      double co2Target = 420 + (ahuDown ? 2500 : 900) * people / (double) Math.max(1, r.capacity);
      r.co2 = approach(r.co2, co2Target, 600, dt);
      out.accept(new Update.Telemetry(r.id, null, DemoGraph.JSON.createObjectNode()
          .put("temperature", round(r.temperature + random.nextGaussian() * 0.05, 2))
          .put("co2", round(r.co2 * Signals.noise(random, 0.01), 0))
          .put("occupancy", people), now));
      if (live && (people > 0) != r.occupied) {
        r.occupied = people > 0;
        out.accept(new Update.Properties(r.id, DemoGraph.JSON.createObjectNode().put("occupied", r.occupied), now));
      }
      demand.merge(r.ahu, people / (double) Math.max(1, r.capacity), Double::sum);
      served.merge(r.ahu, 1, Integer::sum);
      floorPower.merge(r.floor, r.area * 0.012 * (0.15 + 0.85 * office) + people * 0.09, Double::sum);
    }
    Map<String, Double> ahuPower = new HashMap<>();
    for (ObjectNode ahu : graph.twinsOf("AirHandler")) {
      String id = DemoGraph.id(ahu);
      boolean down = Domain.on(active, AHU_FAULT, id) != null;
      double load = demand.getOrDefault(id, 0.0) / Math.max(1, served.getOrDefault(id, 1));
      double fan = down ? 0 : Signals.clamp(0.25 + 0.7 * load + 0.2 * office, 0, 1);
      double power = down ? 0 : ahu.path("capacity").asDouble(100) * 0.45 * Math.pow(fan, 3) + 1.5;
      ahuPower.put(id, power);
      out.accept(new Update.Telemetry(id, null, DemoGraph.JSON.createObjectNode()
          .put("supplyTemperature", round(down ? 24 : 16 + random.nextGaussian() * 0.2, 2))
          .put("fanSpeed", round(fan, 3)).put("powerDraw", round(power, 2)), now));
      String wanted = down ? "fault" : "running";
      if (live && !wanted.equals(ahuStatus.put(id, wanted))) {
        out.accept(new Update.Properties(id, DemoGraph.JSON.createObjectNode().put("status", wanted), now));
      }
    }
    meters(now, dt, floorPower, ahuPower, out);
  }

  private void meters(Instant now, double dt, Map<String, Double> floorPower, Map<String, Double> ahuPower,
      Consumer<Update> out) {
    double total = 12 + floorPower.values().stream().mapToDouble(d -> d).sum()
        + ahuPower.values().stream().mapToDouble(d -> d).sum();
    for (ObjectNode meter : graph.twinsOf("EnergyMeter")) {
      String id = DemoGraph.id(meter);
      double power = total;
      for (ObjectNode m : graph.outgoing(id, "measures")) {
        String space = m.path("$targetId").asText();
        power = floorPower.getOrDefault(space, total);
      }
      for (ObjectNode m : graph.outgoing(id, "measuresEquipment")) {
        power = ahuPower.getOrDefault(m.path("$targetId").asText(), 0.0);
      }
      power *= Signals.noise(random, 0.01);
      double kwh = energy.merge(id, power * dt / 3600, Double::sum);
      out.accept(new Update.Telemetry(id, null, DemoGraph.JSON.createObjectNode()
          .put("power", round(power, 3)).put("energy", round(kwh, 3)), now));
    }
  }

  @Override
  public @Nullable Incident incident(Instant now, RandomGenerator random) {
    List<ObjectNode> ahus = graph.twinsOf("AirHandler");
    if (ahus.isEmpty()) {
      return null;
    }
    String id = DemoGraph.id(ahus.get(random.nextInt(ahus.size())));
    Duration length = Duration.ofMinutes(5 + random.nextInt(6));
    return new Incident(AHU_FAULT, id, now, length, "air handler " + id + " stops for " + length.toMinutes() + " min");
  }

  private static final class Room {
    final String id;
    final String floor;
    final String ahu;
    final int capacity;
    final double area;
    final double setPoint;
    double temperature;
    double co2 = 450;
    boolean occupied;

    Room(String id, String floor, String ahu, int capacity, double area, double setPoint) {
      this.id = id;
      this.floor = floor;
      this.ahu = ahu;
      this.capacity = capacity;
      this.area = area;
      this.setPoint = setPoint;
      this.temperature = setPoint;
    }
  }
}
