package io.doppel.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * The mapping that works with nothing configured: a JSON object on {@code twins/{id}/telemetry} (or
 * {@code twins/{id}/components/{c}/telemetry}) is that twin's telemetry; one on {@code twins/{id}/properties} (or
 * {@code .../components/{c}/properties}) sets each of its members as a property (a JSON Patch {@code add} per member,
 * validated against the model). The source time, when given, is the {@code Telemetry-Source-Time} header (an MQTT 5
 * user property or a Kafka header).
 */
public final class ConventionMapping implements Mapping {
  public static final ConventionMapping INSTANCE = new ConventionMapping();
  public static final String SOURCE_TIME_HEADER = "Telemetry-Source-Time";

  private ConventionMapping() {}

  @Override
  public String name() {
    return "convention";
  }

  @Override
  public List<TwinUpdate> map(Message message) throws Unmappable {
    String[] levels = message.topic().split("/", -1);
    boolean plain = levels.length == 3;
    boolean component = levels.length == 5 && levels[2].equals("components") && !levels[3].isEmpty();
    if (!levels[0].equals("twins") || levels[1].isEmpty() || !(plain || component)) {
      throw noMapping(message.topic());
    }
    String twinId = levels[1];
    String kind = levels[levels.length - 1];
    String componentName = component ? levels[3] : null;
    return switch (kind) {
      case "telemetry" -> {
        ObjectNode values = Payloads.object(message.payload());
        Instant time = Payloads.time(message.headers().get(SOURCE_TIME_HEADER), SOURCE_TIME_HEADER);
        yield List.of(new TwinUpdate.Telemetry(twinId, componentName, values, time));
      }
      case "properties" -> List.of(new TwinUpdate.Patch(twinId, setEach(componentName, Payloads.object(message.payload()))));
      default -> throw noMapping(message.topic());
    };
  }

  /** One {@code add} per member (JSON Patch's add replaces a member that exists), under the component if any. */
  static ArrayNode setEach(@org.jspecify.annotations.Nullable String component, ObjectNode properties) throws Unmappable {
    if (properties.isEmpty()) {
      throw new Unmappable("PAYLOAD_EMPTY", "a property report must set at least one property");
    }
    ArrayNode patch = JsonNodeFactory.instance.arrayNode(properties.size());
    String prefix = component == null ? "" : "/" + escape(component);
    properties.fields().forEachRemaining(e -> patch.addObject().put("op", "add")
        .put("path", prefix + "/" + escape(e.getKey())).set("value", e.getValue()));
    return patch;
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static Unmappable noMapping(String topic) {
    return new Unmappable("NO_MAPPING", "no mapping matches topic '" + topic + "' (the built-in convention is "
        + "twins/{twinId}/telemetry, twins/{twinId}/properties, or twins/{twinId}/components/{name}/...)");
  }
}
