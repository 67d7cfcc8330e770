package io.doppel.ingest.mapping;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Random mapping definitions that are valid by construction (topic filters with {@code +} and {@code #},
 * templates over topic levels, expressions from the documented grammar, unit conversions) and random payloads
 * with the fields the expressions read, sometimes missing or of the wrong type.
 */
final class RandomMappings {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> FIELDS = List.of("t", "h", "s", "on", "nested.v", "arr[0]", "arr[2]", "['odd name']");
  private static final List<String> UNITS = List.of("degF->degC", "degC->K", "psi->kPa", "W->kW", "%->fraction",
      "kWh->J", "bar->psi");

  record Case(String definition, String topic, String payload) {}

  private RandomMappings() {}

  static Case next(RandomGenerator r) {
    ObjectNode doc = NODES.objectNode();
    doc.putObject("match").put("topic", pick(r, "plant/+/sensors/#", "plant/#", "+/+/+/+", "plant/north/sensors/l1",
        "#"));
    doc.put("twinId", pick(r, "{topic[1]}-{topic[3]}", "sensor-{topic[0]}", "fixed", "{topic[2]}"));
    if (r.nextBoolean()) {
      doc.put("when", expression(r, 3));
    }
    if (r.nextInt(3) == 0) {
      doc.put("time", pick(r, "$.ts", "$.t", "'2026-01-01T00:00:00Z'", "1700000000000"));
    }
    ObjectNode telemetry = doc.putObject("telemetry");
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      if (r.nextInt(3) == 0) {
        telemetry.putObject("v" + i).put("from", expression(r, 2)).put("unit", pick(r, UNITS.toArray(String[]::new)));
      } else {
        telemetry.put("v" + i, expression(r, 3));
      }
    }
    if (r.nextBoolean()) {
      doc.putObject("properties").put("p", expression(r, 2));
    }
    String topic = pick(r, "plant/north/sensors/l1", "plant/south/sensors/l2/x", "plant", "a/b/c/d", "");
    return new Case(doc.toString(), topic, payload(r));
  }

  static String expression(RandomGenerator r, int depth) {
    if (depth > 0) {
      switch (r.nextInt(7)) {
        case 0 -> {
          return "(" + expression(r, depth - 1) + ") " + pick(r, "+", "-", "*", "/", "%") + " ("
              + expression(r, depth - 1) + ")";
        }
        case 1 -> {
          // a comparison takes one operator (a == b != c is refused), so its sides go in parentheses
          return "(" + expression(r, depth - 1) + ") " + pick(r, "==", "!=", "<", "<=", ">", ">=") + " ("
              + expression(r, depth - 1) + ")";
        }
        case 2 -> {
          return "(" + expression(r, depth - 1) + ") " + pick(r, "&&", "||") + " (" + expression(r, depth - 1) + ")";
        }
        case 3 -> {
          return pick(r, "-", "!") + "(" + expression(r, depth - 1) + ")";
        }
        case 4 -> {
          return "(" + expression(r, depth - 1) + ")";
        }
        default -> { }
      }
    }
    return switch (r.nextInt(6)) {
      case 0 -> {
        String field = pick(r, FIELDS.toArray(String[]::new));
        yield field.startsWith("[") ? "$" + field : "$." + field;
      }
      case 1 -> "payload." + pick(r, "t", "h", "nested.v");
      case 2 -> pick(r, "topic[0]", "topic[1]", "topic[3]", "key", "header.site", "header['Site']");
      case 3 -> pick(r, "1", "0", "2.5", "-3", "1e3", "true", "false", "null", "'x'", "\"y\"", "''");
      default -> "$." + pick(r, "t", "h", "s", "on");
    };
  }

  private static String payload(RandomGenerator r) {
    ObjectNode p = NODES.objectNode();
    if (r.nextInt(5) > 0) {
      p.put("t", r.nextInt(-50, 120) + 0.5);
    }
    if (r.nextBoolean()) {
      p.put("h", r.nextInt(3) == 0 ? "high" : String.valueOf(r.nextInt(100)));
    }
    if (r.nextBoolean()) {
      p.put("s", pick(r, "ok", "", "21.5"));
    }
    if (r.nextBoolean()) {
      p.put("on", r.nextBoolean());
    }
    if (r.nextBoolean()) {
      p.putObject("nested").put("v", r.nextInt(10));
    }
    if (r.nextBoolean()) {
      p.putArray("arr").add(1).add("two").add(r.nextInt(3));
    }
    if (r.nextBoolean()) {
      p.put("odd name", 0);
    }
    if (r.nextInt(3) == 0) {
      p.put("ts", pick(r, "2026-01-01T00:00:00Z", "yesterday", "1700000000000"));
    }
    return r.nextInt(20) == 0 ? pick(r, "", "[]", "not json", "{\"t\":") : p.toString();
  }

  private static String pick(RandomGenerator r, String... options) {
    return options[r.nextInt(options.length)];
  }
}
