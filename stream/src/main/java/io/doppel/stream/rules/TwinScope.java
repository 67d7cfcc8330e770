package io.doppel.stream.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.TwinEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A twin as an expression sees it: its JSON as read at the start of the evaluation, its latest telemetry, and its
 * neighbours read from the engine as they are now. Neighbour documents are shared through {@code documents} for
 * the batch being evaluated (a floor's rooms are read once for all rules on the floor).
 */
final class TwinScope implements Scope {
  private final TwinEngine engine;
  private final String twinId;
  private final JsonNode doc;
  private final LatestTelemetry telemetry;
  private final Map<String, @Nullable JsonNode> documents;

  TwinScope(TwinEngine engine, String twinId, JsonNode doc, LatestTelemetry telemetry,
      Map<String, @Nullable JsonNode> documents) {
    this.engine = engine;
    this.twinId = twinId;
    this.doc = doc;
    this.telemetry = telemetry;
    this.documents = documents;
  }

  @Override
  public @Nullable Object read(Expr.Source source, List<String> path) {
    return source == Expr.Source.PROPERTY ? property(path) : telemetry.get(twinId, path);
  }

  @Override
  public @Nullable Object any(List<String> path) {
    Object value = property(path);
    return value != null ? value : telemetry.get(twinId, path);
  }

  @Override
  public @Nullable Object anomaly(List<String> path) {
    return telemetry.anomaly(twinId, path);
  }

  @Override
  public @Nullable Object warning(List<String> path) {
    return telemetry.warning(twinId, path);
  }

  @Override
  public List<Scope> neighbours(Expr.Direction direction, String name) {
    List<String> ids = direction == Expr.Direction.OUT ? Links.targets(engine, twinId, name)
        : Links.sources(engine, twinId, name);
    List<Scope> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      JsonNode neighbour = documents.computeIfAbsent(id, this::load);
      if (neighbour != null) {
        out.add(new TwinScope(engine, id, neighbour, telemetry, documents));
      }
    }
    return out;
  }

  private @Nullable JsonNode load(String id) {
    try {
      return engine.getTwin(id).json();
    } catch (DoppelException e) {
      if (e.code() == ErrorCode.TWIN_NOT_FOUND) {
        return null; // deleted while we looked: it is no longer a neighbour
      }
      throw e;
    }
  }

  private @Nullable Object property(List<String> path) {
    JsonNode node = doc;
    for (String segment : path) {
      node = node instanceof ObjectNode o ? o.get(segment) : null;
      if (node == null) {
        return null;
      }
    }
    return value(node);
  }

  /** A JSON value as an expression value: numbers as doubles; objects, arrays and nulls are no value. */
  static @Nullable Object value(JsonNode node) {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.isTextual() ? node.textValue() : null;
  }
}
