package io.doppel.predict.warning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A standing time-to-threshold warning: for the twins of {@code model} and/or whose id matches {@code twin}
 * ({@code *} any run of characters), warn while the forecast of {@code series} crosses {@code threshold} (upward
 * when {@code above}) within {@code within}, giving the crossing time's {@code level} prediction interval. The series
 * is forecast on buckets of {@code interval}.
 */
public record WarningDefinition(String name, @Nullable String model, @Nullable String twin, String series,
    double threshold, boolean above, Duration within, double level, Duration interval) {

  /** The longest horizon in steps: a forecast costs O(horizon) per point between refits. */
  public static final int MAX_STEPS = 2000;
  /** Buckets kept (and read on a first evaluation) per series. */
  public static final int HISTORY_STEPS = 2000;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Set<String> FIELDS = Set.of("name", "model", "twin", "series", "above", "below", "within",
      "level", "interval");
  private static final int DEFAULT_STEPS = 24;

  public static void checkName(String name) {
    if (name.equals("active")) {
      throw invalid("name", "'active' is reserved: GET /warnings/active lists the warnings in force");
    }
    if (!NAME.matcher(name).matches()) {
      throw invalid("name", "a warning name is 1-128 letters, digits, '.', '_' or '-', starting with a letter or "
          + "digit; got '" + name + "'");
    }
  }

  /** Reads a definition as {@code PUT /warnings/{name}} takes it. */
  public static WarningDefinition parse(String name, JsonNode body) {
    checkName(name);
    if (!body.isObject()) {
      throw invalid("body", "a warning definition is a JSON object");
    }
    for (var it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw invalid(field, "unknown field; a warning takes model, twin, series, above or below, within, level and "
            + "interval");
      }
    }
    if (body.has("name") && !body.get("name").asText().equals(name)) {
      throw invalid("name", "the body names '" + body.get("name").asText() + "' but the path names '" + name + "'");
    }
    String model = optionalText(body, "model");
    if (model != null && !Dtmi.isValid(model)) {
      throw invalid("model", "'" + model + "' is not a DTMI");
    }
    String twin = optionalText(body, "twin");
    if (model == null && twin == null) {
      throw invalid("model", "say which twins: a model (\"model\":\"dtmi:...;1\") or an id pattern "
          + "(\"twin\":\"pump-*\")");
    }
    String series = optionalText(body, "series");
    if (series == null) {
      throw invalid("series", "required: the property or telemetry to watch");
    }
    boolean hasAbove = body.has("above");
    boolean hasBelow = body.has("below");
    if (hasAbove == hasBelow) {
      throw invalid(hasAbove ? "below" : "above", "give exactly one of above or below");
    }
    String direction = hasAbove ? "above" : "below";
    double threshold = finite(body.get(direction), direction);
    Duration within = duration(body, "within", null);
    double level = body.has("level") ? finite(body.get("level"), "level") : 0.8;
    if (level < 0.5 || level > 0.99) {
      throw invalid("level", "the prediction interval's level must be between 0.5 and 0.99, got " + level);
    }
    Duration interval = duration(body, "interval", defaultInterval(within));
    long steps = steps(within, interval);
    if (steps > MAX_STEPS) {
      throw invalid("interval", "within / interval is " + steps + " steps; at most " + MAX_STEPS
          + ": widen the interval");
    }
    return new WarningDefinition(name, model, twin, series, threshold, hasAbove, within, level, interval);
  }

  /** The horizon in forecast steps. */
  public int steps() {
    return (int) steps(within, interval);
  }

  /** Daily and weekly cycles in steps where the interval divides them, as candidate seasonal periods. */
  public int[] periods() {
    List<Integer> out = new ArrayList<>();
    long step = interval.toMillis();
    for (long cycle : new long[] {Duration.ofDays(1).toMillis(), Duration.ofDays(7).toMillis()}) {
      if (cycle % step == 0 && cycle / step > 1 && cycle / step <= 2016) {
        out.add((int) (cycle / step));
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Whether the id pattern (if any) admits {@code twinId}; the model is the caller's to check. */
  public boolean idMatches(String twinId) {
    return twin == null || glob(twin).matcher(twinId).matches();
  }

  public ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode().put("name", name);
    if (model != null) {
      out.put("model", model);
    }
    if (twin != null) {
      out.put("twin", twin);
    }
    out.put("series", series).put(above ? "above" : "below", threshold).put("within", within.toString())
        .put("level", level).put("interval", interval.toString());
    return out;
  }

  private static Duration defaultInterval(Duration within) {
    return Duration.ofMillis(Math.max(1000, within.toMillis() / DEFAULT_STEPS));
  }

  private static long steps(Duration within, Duration interval) {
    long step = interval.toMillis();
    return (within.toMillis() + step - 1) / step;
  }

  private static Pattern glob(String text) {
    StringBuilder regex = new StringBuilder();
    for (String part : text.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static @Nullable String optionalText(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || v.textValue().isBlank()) {
      throw invalid(field, "must be a non-empty string");
    }
    return v.textValue().trim();
  }

  private static double finite(JsonNode v, String field) {
    if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
      throw invalid(field, "must be a finite number");
    }
    return v.doubleValue();
  }

  private static Duration duration(JsonNode body, String field, @Nullable Duration fallback) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (fallback == null) {
        throw invalid(field, "required: an ISO-8601 duration such as PT24H");
      }
      return fallback;
    }
    try {
      Duration d = Duration.parse(v.asText().trim());
      if (d.toMillis() < 1000) {
        throw invalid(field, "must be at least one second, got '" + v.asText() + "'");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw invalid(field, "not an ISO-8601 duration such as PT24H: '" + v.asText() + "'");
    }
  }

  static DoppelException invalid(String field, String message) {
    return new DoppelException(ErrorCode.INVALID_ARGUMENT, field + ": " + message,
        List.of(new DoppelException.Detail(ErrorCode.INVALID_ARGUMENT.name(), field, message)));
  }
}
