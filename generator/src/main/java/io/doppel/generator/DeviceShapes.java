package io.doppel.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.function.DoubleUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What the demo's devices and services really send: their own topics, field names and units (°F, W, Wh, %, rpm,
 * seconds), which the packs' stored mappings ({@code examples/<pack>/mappings.json}) turn back into the models'
 * telemetry and properties. An update the shapes do not cover (a twin without a device, a field no shape names)
 * has none, and goes by the built-in convention instead.
 */
public final class DeviceShapes {
  /** One message as the device would publish it: an MQTT topic (or an {@code /ingest} topic) and its JSON. */
  public record Message(String topic, ObjectNode payload) {}

  /** A model field as the device reports it: its name there and the conversion from the model's unit. */
  private record Field(String device, @Nullable DoubleUnaryOperator convert) {
    static Field same(String device) {
      return new Field(device, null);
    }
  }

  private static final DoubleUnaryOperator FAHRENHEIT = c -> c * 9 / 5 + 32;
  private static final DoubleUnaryOperator THOUSAND = v -> v * 1000;
  private static final DoubleUnaryOperator PERCENT = v -> v * 100;

  /** A shape: the last topic level and the fields, for one kind of update of one model (and component). */
  private record Shape(String suffix, Map<String, Field> fields) {}

  private static final Map<String, Shape> SHAPES = Map.ofEntries(
      Map.entry("Machine/telemetry", new Shape("metrics", Map.of("partsProduced", Field.same("parts"),
          "partsRejected", Field.same("rejects"), "powerDraw", new Field("power_w", THOUSAND)))),
      Map.entry("Machine/motor", new Shape("motor", Map.of("current", Field.same("amps"), "speed", Field.same("rpm"),
          "windingTemperature", new Field("winding_f", FAHRENHEIT)))),
      Map.entry("Machine/spindle", new Shape("spindle", Map.of("speed", Field.same("rpm"),
          "load", new Field("load_pct", PERCENT), "bearingTemperature", new Field("bearing_f", FAHRENHEIT)))),
      Map.entry("Machine/properties", new Shape("status", Map.of("status", Field.same("state")))),
      Map.entry("TemperatureSensor/telemetry", new Shape("temperature", Map.of(
          "temperature", new Field("temp_f", FAHRENHEIT), "batteryLevel", Field.same("battery_pct")))),
      Map.entry("TemperatureSensor/properties", new Shape("report", Map.of(
          "lastTemperature", new Field("last_temp_f", FAHRENHEIT)))),
      Map.entry("VibrationSensor/telemetry", new Shape("vibration", Map.of(
          "acceleration", new Field("accel_mg", THOUSAND), "dominantFrequency", new Field("freq_rpm", v -> v * 60),
          "batteryLevel", Field.same("battery_pct")))),
      Map.entry("Room/telemetry", new Shape("climate", Map.of("temperature", new Field("temp_f", FAHRENHEIT),
          "co2", Field.same("co2_ppm"), "occupancy", Field.same("people")))),
      Map.entry("Room/properties", new Shape("presence", Map.of("occupied", Field.same("occupied")))),
      Map.entry("AirHandler/telemetry", new Shape("air", Map.of("supplyTemperature", new Field("supply_f", FAHRENHEIT),
          "fanSpeed", new Field("fan_pct", PERCENT), "powerDraw", new Field("power_w", THOUSAND)))),
      Map.entry("AirHandler/properties", new Shape("status", Map.of("status", Field.same("state")))),
      Map.entry("EnergyMeter/telemetry", new Shape("energy", Map.of("power", new Field("power_w", THOUSAND),
          "energy", new Field("energy_wh", THOUSAND)))),
      Map.entry("Service/telemetry", new Shape("metrics", Map.of("requestRate", Field.same("rps"),
          "latencyP99", new Field("p99_s", v -> v / 1000), "errorRate", new Field("errors_pct", PERCENT),
          "cpu", Field.same("cpu")))));

  /** Per twin: the kind of device (the model name, CNC machines being machines) and its topic up to the suffix. */
  private final Map<String, String> kindOf = new HashMap<>();
  private final Map<String, String> topicOf = new HashMap<>();

  public DeviceShapes(DemoGraph graph) {
    for (String model : List.of("Machine", "CncMachine")) {
      graph.twinsOf(model).forEach(m -> device(m, "Machine", "factory/" + lineOf(graph, DemoGraph.id(m))));
    }
    for (String model : List.of("TemperatureSensor", "VibrationSensor")) {
      for (ObjectNode sensor : graph.twinsOf(model)) {
        String machine = graph.outgoing(DemoGraph.id(sensor), "monitors").stream()
            .map(r -> r.path("$targetId").asText()).findFirst().orElse("");
        device(sensor, model, "factory/" + lineOf(graph, machine));
      }
    }
    for (ObjectNode room : graph.twinsOf("Room")) {
      String floor = graph.incoming(DemoGraph.id(room), "contains").stream()
          .map(r -> r.path("$sourceId").asText()).findFirst().orElse("unplaced");
      device(room, "Room", "building/" + floor);
    }
    graph.twinsOf("AirHandler").forEach(a -> device(a, "AirHandler", "building/plant"));
    graph.twinsOf("EnergyMeter").forEach(m -> device(m, "EnergyMeter", "building/meters"));
    graph.twinsOf("Service").forEach(s -> device(s, "Service", "platform/services"));
  }

  private void device(JsonNode twin, String kind, String prefix) {
    String id = DemoGraph.id(twin);
    kindOf.put(id, kind);
    topicOf.put(id, prefix + "/" + id);
  }

  private static String lineOf(DemoGraph graph, String machine) {
    return graph.incoming(machine, "contains").stream().map(r -> r.path("$sourceId").asText()).findFirst()
        .orElse("unassigned");
  }

  /** The update as its device sends it, or null when no device shape covers all of it. */
  public @Nullable Message of(Update update) {
    String kind = kindOf.get(update.twinId());
    if (kind == null) {
      return null;
    }
    String what = switch (update) {
      case Update.Telemetry t -> t.component() == null ? "telemetry" : t.component();
      case Update.Properties p -> "properties";
    };
    Shape shape = SHAPES.get(kind + "/" + what);
    ObjectNode values = switch (update) {
      case Update.Telemetry t -> t.values();
      case Update.Properties p -> p.values();
    };
    if (shape == null) {
      return null;
    }
    ObjectNode payload = DemoGraph.JSON.createObjectNode().put("ts", update.time().toString());
    for (Entry<String, JsonNode> e : values.properties()) {
      Field field = shape.fields().get(e.getKey());
      if (field == null) {
        return null; // a value the device does not send: the convention carries the update whole
      }
      JsonNode v = e.getValue();
      DoubleUnaryOperator convert = field.convert();
      if (convert == null || !v.isNumber()) {
        payload.set(field.device(), v);
      } else {
        payload.put(field.device(), Signals.round(convert.applyAsDouble(v.doubleValue()), 6));
      }
    }
    return new Message(topicOf.get(update.twinId()) + "/" + shape.suffix(), payload);
  }
}
