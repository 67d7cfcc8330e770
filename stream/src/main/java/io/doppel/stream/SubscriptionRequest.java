package io.doppel.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.model.Dtmi;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.doppel.query.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What a subscriber asked for, read from query parameters (SSE, WebSocket URL) or a WebSocket subscribe message:
 * the filter, where to resume, and how far behind it may fall. Every malformed or unknown parameter is refused with
 * {@code INVALID_ARGUMENT} naming it, so a typo never silently widens a subscription to everything.
 *
 * @param filter which events
 * @param cursor the version of the last event the subscriber has; null to start with the next event
 * @param maxLag how many events the subscriber may fall behind before it is disconnected; null for the server's
 */
public record SubscriptionRequest(EventFilter filter, @Nullable Long cursor, @Nullable Integer maxLag) {
  public static final String TWIN = "twin";
  public static final String MODEL = "model";
  public static final String RELATIONSHIP = "relationship";
  public static final String SOURCE = "source";
  public static final String TARGET = "target";
  public static final String TYPE = "type";
  public static final String CURSOR = "cursor";
  public static final String MAX_LAG = "maxLag";
  public static final String WHERE = "where";
  /** Sent by Azure SDK style clients on every call; accepted and ignored. */
  private static final String API_VERSION = "api-version";
  private static final Set<String> KNOWN =
      Set.of(TWIN, MODEL, RELATIONSHIP, SOURCE, TARGET, TYPE, WHERE, CURSOR, MAX_LAG, API_VERSION);

  /**
   * Reads query parameters; {@code lastEventId} (SSE's {@code Last-Event-ID} header, sent by a reconnecting
   * client) wins over a {@code cursor} parameter, which is usually the one the first connection used.
   */
  public static SubscriptionRequest parse(Map<String, List<String>> params, @Nullable String lastEventId) {
    for (String name : params.keySet()) {
      if (!KNOWN.contains(name)) {
        throw invalid(name, "unknown parameter; expected one of " + String.join(", ",
            List.of(TWIN, MODEL, RELATIONSHIP, SOURCE, TARGET, TYPE, WHERE, CURSOR, MAX_LAG)));
      }
    }
    Set<Dtmi> models = new HashSet<>();
    for (String text : values(params, MODEL)) {
      if (!Dtmi.isValid(text)) {
        throw invalid(MODEL, "not a valid DTMI: '" + text + "'");
      }
      models.add(Dtmi.parse(text));
    }
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    for (String text : values(params, TYPE)) {
      Set<EventType> named = EventType.matching(text);
      if (named.isEmpty()) {
        throw invalid(TYPE, "unknown event type '" + text + "'; e.g. io.doppel.twin.patched or io.doppel.twin.*");
      }
      types.addAll(named);
    }
    EventFilter filter = new EventFilter(Set.copyOf(values(params, TWIN)), models,
        Set.copyOf(values(params, RELATIONSHIP)), Set.copyOf(values(params, SOURCE)),
        Set.copyOf(values(params, TARGET)), types, where(params.getOrDefault(WHERE, List.of())));
    String cursorText = single(params, CURSOR);
    Long cursor = null;
    if (lastEventId != null && !lastEventId.isBlank()) {
      cursor = cursor("Last-Event-ID", lastEventId);
    } else if (cursorText != null) {
      cursor = cursor(CURSOR, cursorText);
    }
    String lag = single(params, MAX_LAG);
    return new SubscriptionRequest(filter, cursor, lag == null ? null : maxLag(lag));
  }

  /**
   * Reads a WebSocket subscribe message: {@code {"type":"subscribe", "filter":{"twin":["a"], "model":"dtmi:..."},
   * "cursor":41}}; filter values are a string or an array of strings, as repeated query parameters are.
   */
  public static SubscriptionRequest fromMessage(JsonNode message) {
    if (!message.isObject() || !"subscribe".equals(message.path("type").asText())) {
      throw new DoppelException(ErrorCode.INVALID_JSON, "expected {\"type\":\"subscribe\", \"filter\":{...}, "
          + "\"cursor\":n}", List.of(new DoppelException.Detail(ErrorCode.INVALID_JSON.name(), "type",
          "expected \"subscribe\"")));
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    JsonNode filter = message.path("filter");
    if (!filter.isMissingNode() && !filter.isNull() && !filter.isObject()) {
      throw invalid("filter", "expected an object");
    }
    filter.properties().forEach(entry -> {
      List<String> list = new ArrayList<>();
      JsonNode value = entry.getValue();
      for (JsonNode item : value.isArray() ? value : List.of(value)) {
        if (!item.isTextual()) {
          throw invalid(entry.getKey(), "expected a string or an array of strings");
        }
        list.add(item.asText());
      }
      params.put(entry.getKey(), list);
    });
    if (params.containsKey(CURSOR) || params.containsKey(MAX_LAG)) {
      throw invalid("filter", "cursor and maxLag go beside the filter, not in it");
    }
    for (String field : List.of(CURSOR, MAX_LAG)) {
      JsonNode value = message.path(field);
      if (value.isIntegralNumber() || value.isTextual()) {
        params.put(field, List.of(value.asText()));
      } else if (!value.isMissingNode() && !value.isNull()) {
        throw invalid(field, "expected an integer");
      }
    }
    return parse(params, null);
  }

  /**
   * The query parser's error, moved onto the parameter: {@code INVALID_ARGUMENT} on {@code where}, with the
   * parser's own detail (its code such as {@code syntaxError}, and {@code line:column} as its target) beside it.
   */
  private static @Nullable Predicate where(List<String> given) {
    if (given.isEmpty()) {
      return null;
    }
    if (given.size() > 1) {
      throw invalid(WHERE, "given " + given.size() + " times; join the conditions with AND or OR");
    }
    String text = given.get(0); // not trimmed: error positions are within the text as sent
    if (text.isBlank()) {
      throw invalid(WHERE, "must not be empty");
    }
    try {
      return Predicate.parse(text);
    } catch (DoppelException e) {
      if (e.code() != ErrorCode.QUERY_INVALID && e.code() != ErrorCode.QUERY_TOO_EXPENSIVE) {
        throw e;
      }
      String message = e.getMessage().replaceFirst("^invalid query at ", "");
      List<DoppelException.Detail> details = new ArrayList<>();
      details.add(new DoppelException.Detail(ErrorCode.INVALID_ARGUMENT.name(), WHERE, message));
      details.addAll(e.details());
      throw new DoppelException(ErrorCode.INVALID_ARGUMENT, WHERE + ": " + message, details);
    }
  }

  private static List<String> values(Map<String, List<String>> params, String name) {
    List<String> out = new ArrayList<>();
    for (String v : params.getOrDefault(name, List.of())) {
      if (v.isBlank()) {
        throw invalid(name, "must not be empty");
      }
      out.add(v.trim());
    }
    return out;
  }

  private static @Nullable String single(Map<String, List<String>> params, String name) {
    List<String> list = values(params, name);
    if (list.size() > 1) {
      throw invalid(name, "given " + list.size() + " times; give it once");
    }
    return list.isEmpty() ? null : list.get(0);
  }

  private static long cursor(String target, String text) {
    try {
      long v = Long.parseLong(text.trim());
      if (v < 0) {
        throw invalid(target, "must be zero or more, got " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw invalid(target, "not an event id (a version number): '" + text + "'");
    }
  }

  private static int maxLag(String text) {
    try {
      int v = Integer.parseInt(text.trim());
      if (v < 1) {
        throw invalid(MAX_LAG, "must be at least 1, got " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw invalid(MAX_LAG, "not an integer: '" + text + "'");
    }
  }

  static DoppelException invalid(String target, String message) {
    return new DoppelException(ErrorCode.INVALID_ARGUMENT, target + ": " + message,
        List.of(new DoppelException.Detail(ErrorCode.INVALID_ARGUMENT.name(), target, message)));
  }
}
