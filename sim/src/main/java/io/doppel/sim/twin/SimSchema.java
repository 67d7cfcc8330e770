package io.doppel.sim.twin;

import io.doppel.model.Content;
import io.doppel.model.Dtmi;
import io.doppel.model.Element;
import io.doppel.model.InterfaceModel;
import io.doppel.model.ModelCatalog;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one Interface means to the simulation: its role (from its own co-types or an ancestor's), which of its
 * properties carries which meaning (by co-type), with the unit a time property is given in, and which of its
 * relationships are flows, with the relationship property that holds the call probability.
 */
public record SimSchema(
    Dtmi model,
    @Nullable SimRole role,
    Map<String, Field> properties,
    Map<String, Flow> flows) {

  /** A property of the twin that carries a meaning: its name, and seconds per unit of its value. */
  public record Field(String name, double secondsPerUnit) {}

  /**
   * A flow relationship, the name of its call-probability property (null: none declared) and its other properties
   * with a meaning (timeout, retry limit, breaker threshold, transport delay, call mode).
   */
  public record Flow(String name, @Nullable String probability, Map<String, Field> fields) {
    public @Nullable Field field(String meaning) {
      return fields.get(meaning);
    }
  }

  public @Nullable Field field(String meaning) {
    return properties.get(meaning);
  }

  public static SimSchema of(InterfaceModel model, ModelCatalog catalog) {
    SimRole role = roleOf(model.element());
    for (Dtmi ancestor : model.ancestors()) {
      if (role == null) {
        role = catalog.get(ancestor).map(a -> roleOf(a.element())).orElse(null);
      }
    }
    Map<String, Field> fields = new LinkedHashMap<>();
    Map<String, Flow> flows = new HashMap<>();
    for (Content content : model.contents().values()) {
      switch (content) {
        case Content.Property p -> meaningsOf(p.name(), p.element(), fields, MEANINGS);
        case Content.Telemetry t -> meaningsOf(t.name(), t.element(), fields, MEANINGS);
        case Content.Relationship r when SimVocabulary.marks(r.element(), SimVocabulary.FLOW) -> {
          String probability = null;
          Map<String, Field> flowFields = new LinkedHashMap<>();
          for (Content.Property p : r.properties().values()) {
            if (SimVocabulary.marks(p.element(), SimVocabulary.CALL_PROBABILITY)) {
              probability = p.name();
            }
            meaningsOf(p.name(), p.element(), flowFields, FLOW_MEANINGS);
          }
          flows.put(r.name(), new Flow(r.name(), probability, flowFields));
        }
        default -> { }
      }
    }
    return new SimSchema(model.id(), role, fields, flows);
  }

  private static @Nullable SimRole roleOf(Element element) {
    if (SimVocabulary.marks(element, SimVocabulary.SOURCE)) {
      return SimRole.SOURCE;
    }
    if (SimVocabulary.marks(element, SimVocabulary.STATION)) {
      return SimRole.STATION;
    }
    if (SimVocabulary.marks(element, SimVocabulary.ROUTER)) {
      return SimRole.ROUTER;
    }
    if (SimVocabulary.marks(element, SimVocabulary.SINK)) {
      return SimRole.SINK;
    }
    return null;
  }

  private static final String[] MEANINGS = {
    SimVocabulary.REPLICAS, SimVocabulary.QUEUE_CAPACITY, SimVocabulary.MEAN_SERVICE_TIME,
    SimVocabulary.SERVICE_TIME_CV, SimVocabulary.SERVICE_DISTRIBUTION, SimVocabulary.ARRIVAL_RATE,
    SimVocabulary.TIMEOUT, SimVocabulary.COST_PER_REPLICA_HOUR, SimVocabulary.OBSERVED_ARRIVAL_RATE,
    SimVocabulary.OBSERVED_LATENCY, SimVocabulary.MTBF, SimVocabulary.MTTR, SimVocabulary.AUTOSCALE_TARGET,
    SimVocabulary.MAX_REPLICAS, SimVocabulary.INVENTORY, SimVocabulary.AUTOSCALE_INTERVAL,
    SimVocabulary.PROVISIONING_DELAY, SimVocabulary.BLOCK_WHEN_FULL, SimVocabulary.JOIN_COUNT
  };

  private static final String[] FLOW_MEANINGS = {
    SimVocabulary.TIMEOUT, SimVocabulary.RETRY_LIMIT, SimVocabulary.BREAKER_THRESHOLD, SimVocabulary.TRANSPORT_DELAY,
    SimVocabulary.RETRY_BACKOFF, SimVocabulary.BREAKER_WINDOW, SimVocabulary.BREAKER_OPEN_DURATION,
    SimVocabulary.CALL_MODE
  };

  private static void meaningsOf(String name, Element element, Map<String, Field> fields, String[] meanings) {
    for (String meaning : meanings) {
      if (SimVocabulary.marks(element, meaning)) {
        fields.put(meaning, new Field(name, secondsPerUnit(element)));
      }
    }
  }

  /** Time properties may carry a quantitativeTypes unit; values are converted to seconds, the simulation's unit. */
  private static double secondsPerUnit(Element element) {
    Object unit = element.supplementalProperties().get("unit");
    if (unit == null) {
      return 1;
    }
    return switch (unit.toString()) {
      case "millisecond" -> 0.001;
      case "microsecond" -> 1e-6;
      case "minute" -> 60;
      case "hour" -> 3600;
      case "day" -> 86_400;
      default -> 1;
    };
  }
}
