package io.doppel.stream.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.stream.EventFilter;
import io.doppel.stream.SubscriptionRequest;
import io.doppel.stream.spi.ParkedLetter;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A route's JSON: {@code {"endpoint":{...}, "filter":{...}, "options":{...}}}. Reading refuses every malformed or
 * unknown field with {@code INVALID_ARGUMENT} naming it ({@code endpoint.url}, {@code filter.model}), so that a typo
 * never routes everything or nothing. Writing shows secrets only as {@code "***"}.
 */
public final class RouteJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  /** Route ids go into URLs and storage keys; ':' is kept for actions ({@code :pause}). */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Pattern KAFKA_TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
  static final Set<String> TOPIC_PLACEHOLDERS = Set.of("twinId", "type");
  private static final String HIDDEN = "***";
  /** Producer settings a route owns: overriding them would break the route's ordering and durability. */
  private static final Set<String> OWNED_KAFKA = Set.of("bootstrap.servers", "acks", "enable.idempotence",
      "key.serializer", "value.serializer", "max.in.flight.requests.per.connection", "transactional.id");

  private RouteJson() {}

  /** Checks a route id from a URL. */
  public static String id(String id) {
    if (!ID.matcher(id).matches()) {
      throw invalid("id", "must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit; got '"
          + id + "'");
    }
    return id;
  }

  /** Reads a route definition; {@code body.id}, when present, must be {@code id}. */
  public static RouteDefinition parse(String id, JsonNode body) {
    id(id);
    ObjectNode root = object(body, "body");
    only(root, "", "id", "endpoint", "filter", "options");
    JsonNode given = root.get("id");
    if (given != null && !(given.isTextual() && given.asText().equals(id))) {
      throw invalid("id", "the body's id must be the route id in the URL, '" + id + "'");
    }
    if (root.get("endpoint") == null) {
      throw invalid("endpoint", "required: {\"type\":\"webhook\"|\"mqtt\"|\"kafka\", ...}");
    }
    Endpoint endpoint = endpoint(id, object(root.get("endpoint"), "endpoint"));
    Map<String, List<String>> params = new LinkedHashMap<>();
    EventFilter filter = filter(root.get("filter"), params);
    RouteOptions options = options(root.get("options"));
    return new RouteDefinition(id, endpoint, filter, params, options);
  }

  /** The definition as the API shows it (secrets hidden) or as storage keeps it ({@code withSecrets}). */
  public static ObjectNode write(RouteDefinition route, boolean withSecrets) {
    ObjectNode out = MAPPER.createObjectNode().put("id", route.id());
    ObjectNode endpoint = out.putObject("endpoint");
    switch (route.endpoint()) {
      case Endpoint.Webhook w -> {
        endpoint.put("type", "webhook").put("url", w.url().toString());
        ObjectNode headers = endpoint.putObject("headers");
        w.headers().forEach(headers::put);
        if (w.secret() != null) {
          endpoint.put("secret", withSecrets ? w.secret() : HIDDEN);
        }
        endpoint.put("batch", w.batch()).put("timeout", w.timeout().toString());
      }
      case Endpoint.Mqtt m -> {
        endpoint.put("type", "mqtt").put("broker", m.broker().toString()).put("topic", m.topic())
            .put("qos", m.qos()).put("clientId", m.clientId());
        if (m.username() != null) {
          endpoint.put("username", m.username());
        }
        if (m.password() != null) {
          endpoint.put("password", withSecrets ? m.password() : HIDDEN);
        }
      }
      case Endpoint.Kafka k -> {
        endpoint.put("type", "kafka").put("bootstrap", k.bootstrap()).put("topic", k.topic());
        ObjectNode props = endpoint.putObject("properties");
        k.properties().forEach((key, value) ->
            props.put(key, withSecrets || !key.contains("password") && !key.contains("jaas") ? value : HIDDEN));
      }
    }
    ObjectNode filter = out.putObject("filter");
    route.filterParams().forEach((name, values) -> {
      ArrayNode array = filter.putArray(name);
      values.forEach(array::add);
    });
    RouteOptions o = route.options();
    out.putObject("options").put("maxAttempts", o.maxAttempts()).put("backoffBase", o.backoffBase().toString())
        .put("backoffMax", o.backoffMax().toString()).put("maxOutbox", o.maxOutbox())
        .put("batchSize", o.batchSize()).put("failingAfter", o.failingAfter());
    return out;
  }

  /** A route with its status, as the API shows it: the definition (secrets hidden) and {@code "status"}. */
  public static ObjectNode write(RouteView view) {
    ObjectNode out = write(view.definition(), false);
    RouteStatus s = view.status();
    ObjectNode status = out.putObject("status").put("state", s.state().label()).put("delivered", s.delivered())
        .put("rate", Math.round(s.rate() * 1000) / 1000.0).put("lag", s.lag()).put("parked", s.parked())
        .put("dropped", s.dropped()).put("consecutiveFailures", s.consecutiveFailures());
    status.put("lastError", s.lastError());
    status.put("lastErrorTime", s.lastErrorTime() == null ? null : s.lastErrorTime().toString());
    status.put("lastDeliveryTime", s.lastDeliveryTime() == null ? null : s.lastDeliveryTime().toString());
    return out;
  }

  /** A parked letter: its version, key, type, why and when it was parked, and the CloudEvent itself. */
  public static ObjectNode write(ParkedLetter letter) {
    ObjectNode out = MAPPER.createObjectNode().put("version", letter.entry().version())
        .put("key", letter.entry().key()).put("type", letter.entry().type()).put("reason", letter.reason())
        .put("attempts", letter.attempts()).put("parkedAt", letter.parkedAt().toString());
    try {
      out.set("event", MAPPER.readTree(letter.entry().payload()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      out.put("event", letter.entry().payload()); // stored by an older or foreign writer: show it as it is
    }
    return out;
  }

  private static Endpoint endpoint(String routeId, ObjectNode node) {
    String type = text(node, "endpoint", "type", true);
    return switch (type == null ? "" : type.toLowerCase(Locale.ROOT)) {
      case "webhook" -> {
        only(node, "endpoint.", "type", "url", "headers", "secret", "batch", "timeout");
        URI url = uri(text(node, "endpoint", "url", true), "endpoint.url", Set.of("http", "https"));
        Map<String, String> headers = strings(node.get("headers"), "endpoint.headers");
        for (String name : headers.keySet()) {
          if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+") || name.equalsIgnoreCase("content-type")
              || name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("host")) {
            throw invalid("endpoint.headers." + name, "not a header a route may set");
          }
        }
        Duration timeout = duration(node.get("timeout"), "endpoint.timeout", Duration.ofSeconds(10));
        yield new Endpoint.Webhook(url, headers, text(node, "endpoint", "secret", false),
            bool(node.get("batch"), "endpoint.batch"), timeout);
      }
      case "mqtt" -> {
        only(node, "endpoint.", "type", "broker", "topic", "qos", "clientId", "username", "password");
        URI broker = uri(text(node, "endpoint", "broker", true), "endpoint.broker",
            Set.of("tcp", "mqtt", "ssl", "mqtts"));
        String topic = topic(text(node, "endpoint", "topic", true));
        JsonNode qosNode = node.get("qos");
        int qos = qosNode == null ? 1 : qosNode.isInt() ? qosNode.asInt() : -1;
        if (qos != 0 && qos != 1) {
          throw invalid("endpoint.qos", "must be 0 (at most once) or 1 (at least once), got " + qosNode);
        }
        String clientId = text(node, "endpoint", "clientId", false);
        yield new Endpoint.Mqtt(broker, topic, qos, clientId == null ? "doppel-route-" + routeId : clientId,
            text(node, "endpoint", "username", false), text(node, "endpoint", "password", false));
      }
      case "kafka" -> {
        only(node, "endpoint.", "type", "bootstrap", "topic", "properties");
        String bootstrap = text(node, "endpoint", "bootstrap", true);
        for (String server : bootstrap.split(",")) {
          if (!server.trim().matches("[^\\s:]+:\\d{1,5}")) {
            throw invalid("endpoint.bootstrap", "expected host:port[,host:port...], got '" + bootstrap + "'");
          }
        }
        String topic = text(node, "endpoint", "topic", true);
        if (!KAFKA_TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
          throw invalid("endpoint.topic", "a Kafka topic is 1 to 249 letters, digits, '.', '_' or '-'; got '"
              + topic + "'");
        }
        Map<String, String> props = strings(node.get("properties"), "endpoint.properties");
        for (String key : props.keySet()) {
          if (OWNED_KAFKA.contains(key)) {
            throw invalid("endpoint.properties." + key, "set by the route (acks=all, idempotence, ordering)");
          }
        }
        yield new Endpoint.Kafka(bootstrap, topic, props);
      }
      default -> throw invalid("endpoint.type", "expected webhook, mqtt or kafka, got '" + type + "'");
    };
  }

  private static String topic(String template) {
    if (template.contains("#") || template.contains("+")) {
      throw invalid("endpoint.topic", "a topic to publish to has no wildcards ('+', '#'): '" + template + "'");
    }
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!TOPIC_PLACEHOLDERS.contains(m.group(1))) {
        throw invalid("endpoint.topic", "unknown placeholder {" + m.group(1) + "}; use {twinId} or {type}");
      }
    }
    return template;
  }

  private static EventFilter filter(@Nullable JsonNode node, Map<String, List<String>> params) {
    if (node == null || node.isNull()) {
      return EventFilter.all();
    }
    ObjectNode message = MAPPER.createObjectNode().put("type", "subscribe");
    message.set("filter", node);
    try {
      SubscriptionRequest request = SubscriptionRequest.fromMessage(message);
      node.properties().forEach(e -> {
        List<String> values = new ArrayList<>();
        (e.getValue().isArray() ? e.getValue() : MAPPER.createArrayNode().add(e.getValue()))
            .forEach(v -> values.add(v.asText().trim()));
        params.put(e.getKey(), values);
      });
      return request.filter();
    } catch (DoppelException e) {
      // The subscription's parser names the parameter; here it sits inside "filter".
      List<DoppelException.Detail> details = e.details().stream()
          .map(d -> new DoppelException.Detail(d.code(), d.target().startsWith("filter") ? d.target()
              : "filter." + d.target(), d.message()))
          .toList();
      String message2 = details.isEmpty() ? e.getMessage()
          : details.get(0).target() + ": " + details.get(0).message();
      throw new DoppelException(ErrorCode.INVALID_ARGUMENT, message2, details);
    }
  }

  private static RouteOptions options(@Nullable JsonNode node) {
    RouteOptions d = RouteOptions.defaults();
    if (node == null || node.isNull()) {
      return d;
    }
    ObjectNode o = object(node, "options");
    only(o, "options.", "maxAttempts", "backoffBase", "backoffMax", "maxOutbox", "batchSize", "failingAfter");
    int maxAttempts = (int) integer(o.get("maxAttempts"), "options.maxAttempts", d.maxAttempts(), 0, 1_000_000);
    Duration base = duration(o.get("backoffBase"), "options.backoffBase", d.backoffBase());
    Duration max = duration(o.get("backoffMax"), "options.backoffMax",
        o.get("backoffMax") == null && base.compareTo(d.backoffMax()) > 0 ? base : d.backoffMax());
    if (max.compareTo(base) < 0) {
      throw invalid("options.backoffMax", "must be at least backoffBase (" + base + "), got " + max);
    }
    long maxOutbox = integer(o.get("maxOutbox"), "options.maxOutbox", d.maxOutbox(), 1, RouteOptions.MAX_OUTBOX_LIMIT);
    int batch = (int) integer(o.get("batchSize"), "options.batchSize", d.batchSize(), 1, RouteOptions.MAX_BATCH);
    int failingAfter = (int) integer(o.get("failingAfter"), "options.failingAfter", d.failingAfter(), 1, 1_000_000);
    return new RouteOptions(maxAttempts, base, max, maxOutbox, batch, failingAfter);
  }

  private static ObjectNode object(@Nullable JsonNode node, String target) {
    if (node instanceof ObjectNode o) {
      return o;
    }
    throw invalid(target, "expected a JSON object");
  }

  private static void only(ObjectNode node, String prefix, String... known) {
    Set<String> allowed = Set.of(known);
    node.fieldNames().forEachRemaining(name -> {
      if (!allowed.contains(name)) {
        throw invalid(prefix + name, "unknown field; expected one of " + String.join(", ", known));
      }
    });
  }

  private static @Nullable String text(ObjectNode node, String parent, String field, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw invalid(parent + "." + field, "required");
      }
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw invalid(parent + "." + field, "expected a non-empty string");
    }
    return value.asText().trim();
  }

  private static URI uri(String text, String target, Set<String> schemes) {
    try {
      URI uri = new URI(text);
      if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
          || uri.getHost() == null) {
        throw invalid(target, "expected " + String.join(" or ", schemes.stream().sorted().toList())
            + "://host..., got '" + text + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw invalid(target, "not a URI: " + e.getMessage());
    }
  }

  private static Map<String, String> strings(@Nullable JsonNode node, String target) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    object(node, target).properties().forEach(e -> {
      if (!e.getValue().isTextual()) {
        throw invalid(target + "." + e.getKey(), "expected a string");
      }
      out.put(e.getKey(), e.getValue().asText());
    });
    return out;
  }

  private static boolean bool(@Nullable JsonNode node, String target) {
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw invalid(target, "expected true or false");
    }
    return node.asBoolean();
  }

  private static long integer(@Nullable JsonNode node, String target, long fallback, long min, long max) {
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
      throw invalid(target, "expected an integer from " + min + " to " + max + ", got " + node);
    }
    return node.asLong();
  }

  private static Duration duration(@Nullable JsonNode node, String target, Duration fallback) {
    if (node == null || node.isNull()) {
      return fallback;
    }
    try {
      Duration d = Duration.parse(node.asText().trim());
      if (!node.isTextual() || d.toMillis() < 1) {
        throw invalid(target, "must be at least 1 ms, got " + node);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw invalid(target, "not an ISO-8601 duration such as PT1S or PT5M: " + node);
    }
  }

  static DoppelException invalid(String target, String message) {
    return new DoppelException(ErrorCode.INVALID_ARGUMENT, target + ": " + message,
        List.of(new DoppelException.Detail(ErrorCode.INVALID_ARGUMENT.name(), target, message)));
  }
}
