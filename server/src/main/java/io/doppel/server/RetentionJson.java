package io.doppel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.history.Retention;
import io.doppel.model.Dtmi;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Retention rules as JSON: {@code {"default": "P30D" | null, "rules": [{"model": "dtmi:...;1", "name"?: "power",
 * "keep": "P7D"}]}}. A rule without a name covers every series of the model's twins; with one, that property or
 * telemetry and the leaves under it. Each refusal names the field ({@code rules[1].keep}).
 */
final class RetentionJson {
  private RetentionJson() {}

  static ObjectNode write(Retention retention) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    if (retention.defaultMaxAge() == null) {
      out.putNull("default");
    } else {
      out.put("default", retention.defaultMaxAge().toString());
    }
    ArrayNode rules = out.putArray("rules");
    new TreeMap<>(retention.rules()).forEach((key, age) -> {
      int hash = key.indexOf('#');
      ObjectNode rule = rules.addObject().put("model", hash < 0 ? key : key.substring(0, hash));
      if (hash >= 0) {
        rule.put("name", key.substring(hash + 1));
      }
      rule.put("keep", age.toString());
    });
    return out;
  }

  static Retention read(ObjectNode body) {
    for (Map.Entry<String, JsonNode> member : body.properties()) {
      if (!member.getKey().equals("default") && !member.getKey().equals("rules")) {
        throw Requests.invalid(member.getKey(), "unknown member; a retention document has default and rules");
      }
    }
    JsonNode fallback = body.path("default");
    Duration defaultAge = fallback.isMissingNode() || fallback.isNull() ? null : age(fallback, "default");
    JsonNode list = body.path("rules");
    Map<String, Duration> rules = new TreeMap<>();
    if (!list.isMissingNode() && !list.isNull()) {
      if (!list.isArray()) {
        throw Requests.invalid("rules", "must be an array of {model, name?, keep}");
      }
      for (int i = 0; i < list.size(); i++) {
        String at = "rules[" + i + "]";
        JsonNode rule = list.get(i);
        if (!rule.isObject()) {
          throw Requests.invalid(at, "must be an object {model, name?, keep}");
        }
        for (Map.Entry<String, JsonNode> member : rule.properties()) {
          if (!member.getKey().equals("model") && !member.getKey().equals("name")
              && !member.getKey().equals("keep")) {
            throw Requests.invalid(at + "." + member.getKey(), "unknown member; a rule has model, name and keep");
          }
        }
        JsonNode model = rule.path("model");
        if (!model.isTextual() || !Dtmi.isValid(model.asText())) {
          throw Requests.invalid(at + ".model", "must be a model id such as dtmi:ex:Meter;1, got " + model);
        }
        String key = model.asText();
        JsonNode name = rule.path("name");
        if (!name.isMissingNode() && !name.isNull()) {
          if (!name.isTextual() || name.asText().isBlank() || name.asText().contains("#")) {
            throw Requests.invalid(at + ".name", "must be a property or telemetry name such as power, got " + name);
          }
          key = key + "#" + name.asText();
        }
        Duration keep = age(rule.path("keep"), at + ".keep");
        if (rules.put(key, keep) != null) {
          throw Requests.invalid(at, "a second rule for " + key + "; give each model or name once");
        }
      }
    }
    return new Retention(defaultAge, rules);
  }

  private static Duration age(JsonNode node, String target) {
    @Nullable Duration age = null;
    if (node.isTextual()) {
      try {
        age = Duration.parse(node.asText().trim());
      } catch (DateTimeParseException e) {
        age = null;
      }
    }
    if (age == null) {
      throw Requests.invalid(target, "must be an ISO-8601 duration such as P7D or PT12H, got " + node);
    }
    if (age.isNegative() || age.isZero()) {
      throw Requests.invalid(target, "must be positive, got " + node.asText());
    }
    return age;
  }
}
