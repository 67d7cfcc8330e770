package io.doppel.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.history.Aggregation;
import io.doppel.history.HistoryService;
import io.doppel.history.Point;
import io.doppel.predict.forecast.Forecast;
import io.doppel.predict.forecast.Forecaster;
import io.doppel.predict.forecast.Resampler;
import io.doppel.predict.forecast.ThresholdCrossing;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /digitaltwins/{id}/forecast?name=&horizon=[&interval=][&points=][&threshold=]}: a forecast of one
 * recorded series with 80% and 95% intervals, the model chosen and why, and optionally when it crosses a threshold.
 * The series is read from the history, bucketed by {@code interval} (averages; empty buckets interpolated).
 */
final class ForecastRoutes {
  static final int DEFAULT_POINTS = 2000;
  static final int MAX_HORIZON = 10_000;
  /** Daily and weekly cycles are tried when they fit in this many steps. */
  static final int MAX_PERIOD = 2016;

  private final HistoryService history;

  ForecastRoutes(HistoryService history) {
    this.history = history;
  }

  void addTo(RouteTable table) {
    table.get("/digitaltwins/{id}/forecast", this::forecast);
  }

  private void forecast(Context ctx) {
    String id = ctx.pathParam("id");
    String name = ctx.queryParam("name");
    if (name == null || name.isBlank()) {
      throw Requests.invalid("name", "required");
    }
    Visibility.requireSeries(ctx, id, name); // a forecast tells the values of what it forecasts
    String horizonText = ctx.queryParam("horizon");
    if (horizonText == null || horizonText.isBlank()) {
      throw Requests.invalid("horizon", "required: a number of steps or an ISO-8601 duration such as PT24H");
    }
    int maxPoints = intParam(ctx, "points", DEFAULT_POINTS, 10, HistoryService.MAX_BUCKETS);
    Point last = history.latest(id).get(name);
    if (last == null) {
      throw new DoppelException(ErrorCode.SERIES_NOT_FOUND, "twin '" + id + "' has no recorded series '" + name + "'");
    }
    if (last.isText()) {
      throw Requests.invalid("name", "'" + name + "' is a text series; only numbers can be forecast");
    }
    Instant end = last.instant().plusMillis(1);
    Duration interval = ctx.queryParam("interval") == null || ctx.queryParam("interval").isBlank()
        ? inferInterval(id, name, end) : duration(ctx.queryParam("interval"), "interval");
    long step = interval.toMillis();
    int h = horizon(horizonText, step);
    Instant from = end.minusMillis(step * maxPoints);
    List<Point> buckets = history.downsample(id, name, from, end, interval, Aggregation.AVG);
    long[] times = new long[buckets.size()];
    double[] values = new double[buckets.size()];
    for (int i = 0; i < buckets.size(); i++) {
      times[i] = buckets.get(i).instant().toEpochMilli();
      values[i] = buckets.get(i).value();
    }
    Resampler.Regular grid = Resampler.toGrid(times, values, step);
    Forecast f = Forecaster.forecast(grid.values(), periods(step), h);
    long lastSlot = grid.timeOf(grid.values().length - 1);
    ObjectNode out = Json.MAPPER.createObjectNode().put("name", name).put("interval", interval.toString())
        .put("horizon", h).put("history", grid.values().length).put("model", f.model()).put("reason", f.reason());
    ArrayNode points = out.putArray("points");
    for (int i = 0; i < h; i++) {
      points.addObject().put("t", Instant.ofEpochMilli(lastSlot + (i + 1) * step).toString())
          .put("v", f.mean()[i]).put("lo80", f.lower80()[i]).put("hi80", f.upper80()[i])
          .put("lo95", f.lower95()[i]).put("hi95", f.upper95()[i]);
    }
    String thresholdText = ctx.queryParam("threshold");
    if (thresholdText != null && !thresholdText.isBlank()) {
      double threshold = number(thresholdText, "threshold");
      ThresholdCrossing c = ThresholdCrossing.find(f, grid.values()[grid.values().length - 1], threshold);
      ObjectNode node = out.putObject("threshold").put("value", threshold).put("direction", c.upward() ? "up" : "down");
      putTime(node, "at", c.step(), lastSlot, step);
      putTime(node, "earliest", c.earliest(), lastSlot, step);
      putTime(node, "latest", c.latest(), lastSlot, step);
      node.put("text", text(c, lastSlot, step));
    }
    Json.respond(ctx, 200, out);
  }

  private static String text(ThresholdCrossing c, long lastSlot, long step) {
    String value = Json.MAPPER.getNodeFactory().numberNode(c.threshold()).asText();
    if (c.step() == null) {
      return c.earliest() == null ? "does not cross " + value + " within the horizon"
          : "may cross " + value + " from about " + time(c.earliest(), lastSlot, step)
              + " (80% interval), not expected within the horizon";
    }
    return "crosses " + value + " at about " + time(c.step(), lastSlot, step) + " (80% interval "
        + time(c.earliest(), lastSlot, step) + ".." + (c.latest() == null ? "after the horizon"
        : time(c.latest(), lastSlot, step)) + ")";
  }

  private static String time(@Nullable Integer s, long lastSlot, long step) {
    return s == null ? "?" : Instant.ofEpochMilli(lastSlot + s * step).toString();
  }

  private static void putTime(ObjectNode node, String field, @Nullable Integer s, long lastSlot, long step) {
    if (s == null) {
      node.putNull(field);
    } else {
      node.put(field, Instant.ofEpochMilli(lastSlot + s * step).toString());
    }
  }

  /** The daily and weekly cycles in steps, where the interval divides them. */
  static int[] periods(long step) {
    List<Integer> out = new ArrayList<>();
    for (long cycle : new long[] {Duration.ofDays(1).toMillis(), Duration.ofDays(7).toMillis()}) {
      if (cycle % step == 0 && cycle / step > 1 && cycle / step <= MAX_PERIOD) {
        out.add((int) (cycle / step));
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The median spacing of the last day's raw points (at most 10,000), at least one second. */
  private Duration inferInterval(String id, String name, Instant end) {
    List<Point> raw = history.range(id, name, end.minus(Duration.ofDays(1)), end, 10_000).points();
    long[] times = raw.stream().mapToLong(p -> p.instant().toEpochMilli()).toArray();
    return Duration.ofMillis(Math.max(1000, Resampler.medianStep(times)));
  }

  private static int horizon(String text, long step) {
    String t = text.trim();
    int h;
    if (!t.isEmpty() && Character.isDigit(t.charAt(0))) {
      try {
        h = Integer.parseInt(t);
      } catch (NumberFormatException e) {
        throw Requests.invalid("horizon", "not a number of steps or an ISO-8601 duration: '" + text + "'");
      }
    } else {
      long millis = duration(t, "horizon").toMillis();
      h = (int) Math.min(Integer.MAX_VALUE, (millis + step - 1) / step);
    }
    if (h < 1 || h > MAX_HORIZON) {
      throw Requests.invalid("horizon", "must be between 1 and " + MAX_HORIZON + " steps, got " + h);
    }
    return h;
  }

  private static Duration duration(String text, String field) {
    try {
      Duration d = Duration.parse(text.trim());
      if (d.isNegative() || d.toMillis() < 1) {
        throw Requests.invalid(field, "must be at least 1 ms, got '" + text + "'");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw Requests.invalid(field, "not an ISO-8601 duration such as PT1M or PT1H: '" + text + "'");
    }
  }

  private static double number(String text, String field) {
    try {
      double v = Double.parseDouble(text.trim());
      if (!Double.isFinite(v)) {
        throw Requests.invalid(field, "must be a finite number, got '" + text + "'");
      }
      return v;
    } catch (NumberFormatException e) {
      throw Requests.invalid(field, "not a number: '" + text + "'");
    }
  }

  private static int intParam(Context ctx, String field, int fallback, int min, int max) {
    String text = ctx.queryParam(field);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(text.trim());
      if (v < min || v > max) {
        throw Requests.invalid(field, "must be between " + min + " and " + max + ", got " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw Requests.invalid(field, "not an integer: '" + text + "'");
    }
  }
}
