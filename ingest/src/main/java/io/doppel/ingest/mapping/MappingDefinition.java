package io.doppel.ingest.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.ingest.Mapping;
import io.doppel.ingest.Message;
import io.doppel.ingest.Payloads;
import io.doppel.ingest.TwinUpdate;
import io.doppel.ingest.Unmappable;
import io.doppel.model.Dtmi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One parsed, checked mapping version. As a {@link Mapping} it turns a message into at most two updates: the
 * telemetry it names (one {@link TwinUpdate.Telemetry}) and the properties it names (one {@link TwinUpdate.Patch}).
 *
 * @param connector the connector it applies to, or null for any
 * @param model the model its twins are of, when declared (then names and types were checked against it)
 * @param component the component of the twin that the values belong to, or null for the twin itself
 * @param when a condition on the message, or null to always apply
 * @param time where the source time comes from (ISO-8601 text or epoch milliseconds), or null
 * @param definition the definition as stored, normalised to JSON
 */
public record MappingDefinition(
    String id, int version, @Nullable String connector, TopicFilter topic, @Nullable Dtmi model,
    @Nullable String component, Template twinId, Map<String, Expression> telemetry, Map<String, Expression> properties,
    @Nullable Expression when, @Nullable Expression time, ObjectNode definition) implements Mapping {

  @Override
  public String name() {
    return id + "@" + version;
  }

  /** The topic filter's text. */
  public String topicFilter() {
    return topic.text();
  }

  /** Whether a message from {@code connector} on {@code topic} is one this mapping is for (its {@code when} aside). */
  public boolean matches(String messageConnector, String messageTopic) {
    return (connector == null || connector.equals(messageConnector)) && topic.matches(messageTopic.split("/", -1));
  }

  boolean matches(Message message, String[] levels) {
    return (connector == null || connector.equals(message.connector())) && topic.matches(levels);
  }

  /** Higher is more specific: a named connector beats any topic, then the topic filter's own specificity. */
  int specificity() {
    return (connector == null ? 0 : 1_000_000) + topic.specificity();
  }

  @Override
  public List<TwinUpdate> map(Message message) throws Unmappable {
    Scope scope = new Scope(message);
    String twin = twinId.render(scope);
    List<TwinUpdate> updates = new ArrayList<>(2);
    if (!telemetry.isEmpty()) {
      ObjectNode values = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, Expression> e : telemetry.entrySet()) {
        values.set(e.getKey(), value(e.getValue(), scope, "telemetry." + e.getKey()));
      }
      updates.add(new TwinUpdate.Telemetry(twin, component, values, sourceTime(scope)));
    }
    if (!properties.isEmpty()) {
      ArrayNode patch = JsonNodeFactory.instance.arrayNode();
      String prefix = component == null ? "" : "/" + escape(component);
      for (Map.Entry<String, Expression> e : properties.entrySet()) {
        patch.addObject().put("op", "add").put("path", prefix + "/" + escape(e.getKey()))
            .set("value", value(e.getValue(), scope, "properties." + e.getKey()));
      }
      updates.add(new TwinUpdate.Patch(twin, patch));
    }
    return updates;
  }

  /** Whether the condition holds; a condition that cannot be evaluated on this message does not. */
  boolean applies(Scope scope) {
    if (when == null) {
      return true;
    }
    try {
      JsonNode v = when.eval(scope);
      return v.isBoolean() && v.asBoolean();
    } catch (Unmappable e) {
      return false;
    }
  }

  private static JsonNode value(Expression e, Scope scope, String field) throws Unmappable {
    try {
      return e.eval(scope);
    } catch (Unmappable u) {
      throw new Unmappable(u.reason(), field + ": " + u.getMessage());
    }
  }

  private @Nullable Instant sourceTime(Scope scope) throws Unmappable {
    if (time == null) {
      return null;
    }
    JsonNode v = value(time, scope, "time");
    if (v.isIntegralNumber()) {
      return Instant.ofEpochMilli(v.asLong());
    }
    if (v.isTextual()) {
      return Payloads.time(v.asText(), "time");
    }
    throw new Unmappable("INVALID_TIME", "time: " + time + " must be ISO-8601 text or epoch milliseconds, not " + v);
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
