package io.doppel.sim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.sim.dist.Invalid;
import io.doppel.twin.DoppelException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a scenario definition from JSON (see docs/simulation.md) and checks what can be checked without the twin
 * graph; every rejection names the field ({@code changes[2].factor}).
 */
public final class ScenarioParser {
  public static final int MAX_CHANGES = 1_000;
  private static final Set<String> TOP = Set.of("name", "description", "base", "changes", "workload", "horizon",
      "warmup", "replications", "seed", "window", "maxEventsPerReplication", "maxCustomers");

  private ScenarioParser() {}

  public static ScenarioDefinition parse(JsonNode json) {
    if (!json.isObject()) {
      throw Invalid.field("scenario", "must be a JSON object");
    }
    json.fieldNames().forEachRemaining(f -> {
      if (!TOP.contains(f)) {
        throw Invalid.field(f, "is not a scenario field; fields are " + new java.util.TreeSet<>(TOP));
      }
    });
    String name = text(json, "name", "");
    String description = text(json, "description", "");
    Instant base = null;
    String baseText = text(json, "base", "now");
    if (!baseText.equals("now")) {
      base = instant("base", baseText);
    }
    double horizon = number(json, "horizon", 3600);
    Invalid.positive("horizon", horizon);
    if (horizon > 365 * 86_400.0) {
      throw Invalid.field("horizon", "must be at most a year (31536000 s), was " + horizon);
    }
    double warmup = number(json, "warmup", Math.min(300, horizon / 10));
    if (!(warmup >= 0 && warmup < horizon)) {
      throw Invalid.field("warmup", "must be >= 0 and below the horizon, was " + warmup);
    }
    int replications = (int) integer(json, "replications", 10, 2, RunSettings.MAX_REPLICATIONS);
    long seed = (long) number(json, "seed", 1);
    double window = number(json, "window", Math.max(1, horizon / 60));
    if (!(window > 0) || horizon / window > 10_000) {
      throw Invalid.field("window", "must be > 0 and give at most 10000 windows over the horizon, was " + window);
    }
    long maxEvents = integer(json, "maxEventsPerReplication", RunSettings.DEFAULT_MAX_EVENTS, 1_000,
        RunSettings.MAX_EVENTS);
    int maxCustomers = (int) integer(json, "maxCustomers", RunSettings.DEFAULT_MAX_CUSTOMERS, 10,
        RunSettings.MAX_CUSTOMERS);
    List<Change> changes = new ArrayList<>();
    JsonNode list = json.path("changes");
    if (!list.isMissingNode() && !list.isArray()) {
      throw Invalid.field("changes", "must be an array");
    }
    if (list.size() > MAX_CHANGES) {
      throw Invalid.field("changes", "at most " + MAX_CHANGES + " changes, got " + list.size());
    }
    for (int i = 0; i < list.size(); i++) {
      changes.add(change("changes[" + i + "]", list.get(i), horizon));
    }
    Map<String, ArrivalSpec> workload = new LinkedHashMap<>();
    JsonNode w = json.path("workload");
    if (!w.isMissingNode()) {
      if (!w.isObject()) {
        throw Invalid.field("workload", "must be an object of source twin id to arrival process");
      }
      w.properties().forEach(e -> workload.put(e.getKey(), arrival("workload." + e.getKey(), e.getValue())));
    }
    return new ScenarioDefinition(name, description, base, changes, workload,
        new RunSettings(horizon, warmup, replications, seed, window, maxEvents, maxCustomers));
  }

  private static Change change(String at, JsonNode c, double horizon) {
    if (!c.isObject()) {
      throw Invalid.field(at, "must be an object with a 'type'");
    }
    String type = required(c, at, "type");
    return switch (type) {
      case "setProperty" -> new Change.SetProperty(required(c, at, "twin"), required(c, at, "property"),
          nullable(c.get("value")));
      case "setRelationshipProperty" -> new Change.SetRelationshipProperty(required(c, at, "relationship"),
          required(c, at, "property"), nullable(c.get("value")));
      case "addTwin" -> new Change.AddTwin(required(c, at, "twin"), required(c, at, "model"), object(c, at,
          "properties"));
      case "removeTwin" -> new Change.RemoveTwin(required(c, at, "twin"));
      case "addRelationship" -> new Change.AddRelationship(required(c, at, "relationship"), required(c, at,
          "source"), required(c, at, "target"), required(c, at, "name"), object(c, at, "properties"));
      case "removeRelationship" -> new Change.RemoveRelationship(required(c, at, "relationship"));
      case "fail" -> {
        double[] period = period(c, at, horizon);
        yield new Change.Fail(required(c, at, "twin"), period[0], period[1]);
      }
      case "demand" -> {
        double factor = number(c, "factor", Double.NaN, at);
        if (!(factor >= 0) || factor > 1_000) {
          throw Invalid.field(at + ".factor", "must be a number in [0, 1000], was " + factor);
        }
        double[] period = period(c, at, horizon);
        yield new Change.Demand(factor, period[0], period[1], c.hasNonNull("source") ? c.get("source").asText()
            : null);
      }
      case "flood" -> {
        double rate = number(c, "rate", Double.NaN, at);
        Invalid.positive(at + ".rate", rate);
        double[] period = period(c, at, horizon);
        yield new Change.Flood(required(c, at, "twin"), rate, period[0], period[1]);
      }
      default -> throw Invalid.field(at + ".type", "must be one of setProperty, setRelationshipProperty, addTwin,"
          + " removeTwin, addRelationship, removeRelationship, fail, demand, flood; was '" + type + "'");
    };
  }

  /** {@code start} (default 0) and {@code duration} (default: to the horizon), in seconds from the run's start. */
  private static double[] period(JsonNode c, String at, double horizon) {
    double start = number(c, "start", 0, at);
    if (!(start >= 0 && start < horizon)) {
      throw Invalid.field(at + ".start", "must be >= 0 and before the horizon (" + horizon + "), was " + start);
    }
    double duration = number(c, "duration", horizon - start, at);
    Invalid.positive(at + ".duration", duration);
    return new double[] {start, Math.min(duration, horizon - start)};
  }

  static ArrivalSpec arrival(String at, JsonNode a) {
    if (!a.isObject()) {
      throw Invalid.field(at, "must be an object with a 'type'");
    }
    String type = required(a, at, "type");
    return switch (type) {
      case "poisson" -> new ArrivalSpec.Poisson(Invalid.positive(at + ".rate", number(a, "rate", Double.NaN, at)));
      case "constant" -> new ArrivalSpec.Constant(Invalid.positive(at + ".rate", number(a, "rate", Double.NaN,
          at)));
      case "daily" -> {
        double[] rates = rates(a, at);
        if (rates.length != 24) {
          throw Invalid.field(at + ".rates", "a daily profile needs 24 hourly rates, got " + rates.length);
        }
        yield new ArrivalSpec.Daily(rates);
      }
      case "profile" -> new ArrivalSpec.Profile(Invalid.positive(at + ".period", number(a, "period", Double.NaN,
          at)), rates(a, at));
      case "spike" -> {
        double rate = Invalid.positive(at + ".rate", number(a, "rate", Double.NaN, at));
        double spike = Invalid.nonNegative(at + ".spikeRate", number(a, "spikeRate", Double.NaN, at));
        double start = Invalid.nonNegative(at + ".start", number(a, "start", Double.NaN, at));
        double duration = Invalid.positive(at + ".duration", number(a, "duration", Double.NaN, at));
        yield new ArrivalSpec.Spike(rate, spike, start, duration);
      }
      case "history" -> {
        Instant from = instant(at + ".from", required(a, at, "from"));
        Instant to = instant(at + ".to", required(a, at, "to"));
        if (!to.isAfter(from)) {
          throw Invalid.field(at + ".to", "must be after 'from'");
        }
        double slot = Invalid.positive(at + ".slot", number(a, "slot", 60, at));
        yield new ArrivalSpec.History(required(a, at, "twin"), required(a, at, "telemetry"), from, to, slot);
      }
      default -> throw Invalid.field(at + ".type", "must be one of poisson, constant, daily, profile, spike,"
          + " history; was '" + type + "'");
    };
  }

  private static double[] rates(JsonNode a, String at) {
    JsonNode r = a.path("rates");
    if (!r.isArray() || r.isEmpty() || r.size() > 100_000) {
      throw Invalid.field(at + ".rates", "must be an array of 1..100000 rates");
    }
    double[] out = new double[r.size()];
    double sum = 0;
    for (int i = 0; i < out.length; i++) {
      if (!r.get(i).isNumber()) {
        throw Invalid.field(at + ".rates[" + i + "]", "must be a number");
      }
      out[i] = Invalid.nonNegative(at + ".rates[" + i + "]", r.get(i).asDouble());
      sum += out[i];
    }
    if (sum == 0) {
      throw Invalid.field(at + ".rates", "at least one rate must be > 0");
    }
    return out;
  }

  private static @Nullable JsonNode nullable(@Nullable JsonNode v) {
    return v == null || v.isNull() ? null : v;
  }

  private static ObjectNode object(JsonNode c, String at, String field) {
    JsonNode v = c.get(field);
    if (v == null || v.isNull()) {
      return c.isObject() ? ((ObjectNode) c).objectNode() : com.fasterxml.jackson.databind.node.JsonNodeFactory
          .instance.objectNode();
    }
    if (!v.isObject()) {
      throw Invalid.field(at + "." + field, "must be an object");
    }
    return (ObjectNode) v;
  }

  private static String required(JsonNode c, String at, String field) {
    JsonNode v = c.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw Invalid.field(at + "." + field, "is required (a non-empty string)");
    }
    return v.asText();
  }

  private static String text(JsonNode json, String field, String fallback) {
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual()) {
      throw Invalid.field(field, "must be a string");
    }
    return v.asText();
  }

  private static Instant instant(String at, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw Invalid.field(at, "must be 'now' or an ISO-8601 instant such as 2026-01-01T00:00:00Z, was '" + text
          + "'");
    }
  }

  private static double number(JsonNode json, String field, double fallback) {
    return number(json, field, fallback, null);
  }

  private static double number(JsonNode json, String field, double fallback, @Nullable String at) {
    String path = at == null ? field : at + "." + field;
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) {
      if (Double.isNaN(fallback)) {
        throw Invalid.field(path, "is required (a number)");
      }
      return fallback;
    }
    if (!v.isNumber()) {
      throw Invalid.field(path, "must be a number, was " + v);
    }
    return v.asDouble();
  }

  private static long integer(JsonNode json, String field, long fallback, long min, long max) {
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
      throw Invalid.field(field, "must be an integer in [" + min + ", " + max + "], was " + v);
    }
    return v.asLong();
  }

  /** Rethrown with a prefix, for errors found while applying a definition to a graph. */
  static DoppelException under(String prefix, DoppelException e) {
    return Invalid.under(prefix, e);
  }
}
