package io.doppel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.predict.anomaly.AnomalyScore;
import io.doppel.predict.anomaly.LiveAnomalies;
import io.doppel.predict.anomaly.ScoredPoint;
import io.doppel.predict.anomaly.SeriesAnomalies;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.TwinEngine;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live anomaly scores of a twin's series: {@code GET /digitaltwins/{id}/anomalies} (scores, raised anomalies and
 * their explanations) and the per-series sensitivity at {@code /digitaltwins/{id}/anomalies/settings?name=}.
 */
final class AnomalyRoutes {
  private final TwinEngine engine;
  private final LiveAnomalies anomalies;
  private final long maxBody;

  AnomalyRoutes(TwinEngine engine, LiveAnomalies anomalies, long maxBody) {
    this.engine = engine;
    this.anomalies = anomalies;
    this.maxBody = maxBody;
  }

  void addTo(RouteTable table) {
    table.get("/digitaltwins/{id}/anomalies", this::read)
        .get("/digitaltwins/{id}/anomalies/settings", this::settings)
        .put("/digitaltwins/{id}/anomalies/settings", this::setSettings);
  }

  private void read(Context ctx) {
    String id = ctx.pathParam("id");
    engine.getTwin(id); // 404 TWIN_NOT_FOUND for an unknown twin
    String name = ctx.queryParam("name");
    Instant from = optionalInstant(ctx, "from", Instant.MIN);
    Instant to = optionalInstant(ctx, "to", Instant.MAX);
    if (from.isAfter(to)) {
      throw Requests.invalid("from", "must not be after 'to'");
    }
    ObjectNode out = Json.MAPPER.createObjectNode().put("twinId", id);
    ArrayNode series = out.putArray("series");
    if (name != null && !name.isBlank()) {
      Visibility.requireSeries(ctx, id, name.trim());
      SeriesAnomalies s = anomalies.series(id, name.trim()).orElseThrow(() -> new DoppelException(
          ErrorCode.SERIES_NOT_FOUND, "no values of '" + name.trim() + "' have been scored for twin '" + id + "'"));
      series.add(series(name.trim(), s, from, to, true));
    } else {
      for (Map.Entry<String, SeriesAnomalies> e : anomalies.series(id).entrySet()) {
        if (!Visibility.showsSeries(ctx, id, e.getKey())) {
          continue; // a property the caller may not read: its scores would tell its values
        }
        series.add(series(e.getKey(), e.getValue(), from, to, false));
      }
    }
    Json.respond(ctx, 200, out);
  }

  private static ObjectNode series(String name, SeriesAnomalies s, Instant from, Instant to, boolean withPoints) {
    ObjectNode node = Json.MAPPER.createObjectNode().put("name", name).put("sensitivity", s.sensitivity())
        .put("count", s.count());
    ScoredPoint latest = s.latest();
    if (latest != null) {
      node.set("latest", point(latest));
    }
    if (withPoints) {
      ArrayNode points = node.putArray("points");
      s.points(from, to).forEach(p -> points.add(point(p)));
    }
    ArrayNode flagged = node.putArray("anomalies");
    s.anomalies(from, to).forEach(p -> flagged.add(point(p)));
    return node;
  }

  private static ObjectNode point(ScoredPoint p) {
    AnomalyScore s = p.score();
    ObjectNode node = Json.MAPPER.createObjectNode().put("time", p.time().toString()).put("value", p.value())
        .put("score", s.score()).put("anomaly", s.anomaly()).put("kind", s.kind().name().toLowerCase(Locale.ROOT));
    if (Double.isFinite(s.expectedLow())) {
      node.put("expectedLow", s.expectedLow()).put("expectedHigh", s.expectedHigh()).put("deviation", s.deviation());
    }
    return node;
  }

  private void settings(Context ctx) {
    String id = ctx.pathParam("id");
    engine.getTwin(id);
    String name = requiredName(ctx);
    Visibility.requireSeries(ctx, id, name);
    Json.respond(ctx, 200, Json.MAPPER.createObjectNode().put("name", name)
        .put("sensitivity", anomalies.sensitivity(id, name)));
  }

  private void setSettings(Context ctx) {
    String id = ctx.pathParam("id");
    engine.getTwin(id);
    String name = requiredName(ctx);
    ObjectNode body = Json.readObject(ctx, maxBody);
    for (var it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!field.equals("sensitivity")) {
        throw Requests.invalid(field, "unknown field; settable: sensitivity");
      }
    }
    JsonNode value = body.get("sensitivity");
    if (value == null || !value.isNumber() || !(value.doubleValue() > 0) || value.doubleValue() > 1000) {
      throw Requests.invalid("sensitivity", "a number above 0 and at most 1000 is required (1 is the default)");
    }
    anomalies.setSensitivity(id, name, value.doubleValue());
    Json.respond(ctx, 200, Json.MAPPER.createObjectNode().put("name", name)
        .put("sensitivity", anomalies.sensitivity(id, name)));
  }

  private static String requiredName(Context ctx) {
    String name = ctx.queryParam("name");
    if (name == null || name.isBlank()) {
      throw Requests.invalid("name", "required: the series, e.g. temperature or thermostat/setPoint");
    }
    return name.trim();
  }

  private static Instant optionalInstant(Context ctx, String param, Instant otherwise) {
    String text = ctx.queryParam(param);
    return text == null || text.isBlank() ? otherwise : HistoryRoutes.instant(text, param);
  }

}
