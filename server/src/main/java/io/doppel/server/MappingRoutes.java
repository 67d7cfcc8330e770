package io.doppel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.ingest.Message;
import io.doppel.ingest.TwinUpdate;
import io.doppel.ingest.Unmappable;
import io.doppel.ingest.mapping.MappingDefinition;
import io.doppel.ingest.mapping.MappingService;
import io.doppel.twin.ErrorCode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /mappings}: stored, versioned mappings ({@code PUT} JSON or YAML, each a new version), reading one version
 * or the latest, delete, and {@code POST /mappings/{id}:test}, a dry run that shows the updates a sample message
 * would make without making them.
 */
final class MappingRoutes {
  private final MappingService mappings;
  private final long maxBody;

  MappingRoutes(MappingService mappings, long maxBody) {
    this.mappings = mappings;
    this.maxBody = maxBody;
  }

  void addTo(RouteTable table) {
    table.get("/mappings", this::list)
        .get("/mappings/{id}", this::get)
        .put("/mappings/{id}", this::put)
        .delete("/mappings/{id}", this::delete)
        .post("/mappings/{id}:test", this::test);
  }

  private void put(Context ctx) {
    String id = ctx.pathParam("id");
    boolean created = mappings.versions(id).isEmpty();
    MappingDefinition stored = mappings.put(id, text(ctx));
    Json.respond(ctx, created ? 201 : 200, describe(stored));
  }

  private void get(Context ctx) {
    String id = ctx.pathParam("id");
    String version = ctx.queryParam("version");
    MappingDefinition m = version == null ? mappings.get(id) : mappings.get(id, version(version));
    Json.respond(ctx, 200, describe(m));
  }

  private void list(Context ctx) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode value = body.putArray("value");
    mappings.list().forEach(m -> value.add(describe(m)));
    Json.respond(ctx, 200, body);
  }

  private void delete(Context ctx) {
    mappings.delete(ctx.pathParam("id"));
    ctx.status(204);
  }

  private void test(Context ctx) {
    String id = ctx.pathParam("id");
    ObjectNode body = Json.readObject(ctx, maxBody);
    JsonNode draft = body.get("definition");
    MappingDefinition mapping = draft == null ? mappings.get(id) : mappings.draft(id, draft.toString());
    Message message = message(body, mapping);
    ObjectNode out = Json.MAPPER.createObjectNode().put("mapping", mapping.name());
    out.put("matches", mapping.matches(message.connector(), message.topic()));
    try {
      List<TwinUpdate> updates = mapping.map(message);
      out.put("applies", true);
      ArrayNode list = out.putArray("updates");
      updates.forEach(u -> list.add(IngestJson.update(u)));
    } catch (Unmappable e) {
      out.put("applies", false).put("reason", e.reason()).put("detail", e.getMessage());
    }
    Json.respond(ctx, 200, out);
  }

  private static Message message(ObjectNode body, MappingDefinition mapping) {
    String topic = body.path("topic").asText(null);
    if (topic == null) {
      throw Requests.invalid("topic", "the sample message needs a topic (string)");
    }
    String connector = body.hasNonNull("connector") ? body.get("connector").asText()
        : mapping.connector() != null ? mapping.connector() : "test";
    byte[] payload;
    if (body.has("payloadBase64")) {
      try {
        payload = Base64.getDecoder().decode(body.get("payloadBase64").asText());
      } catch (IllegalArgumentException e) {
        throw Requests.invalid("payloadBase64", "not base64: " + e.getMessage());
      }
    } else if (body.has("payloadText")) {
      payload = body.get("payloadText").asText().getBytes(StandardCharsets.UTF_8);
    } else if (body.has("payload")) {
      payload = body.get("payload").toString().getBytes(StandardCharsets.UTF_8);
    } else {
      throw Requests.invalid("payload", "the sample message needs payload (JSON), payloadText or payloadBase64");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    body.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
    String key = body.hasNonNull("key") ? body.get("key").asText() : null;
    return new Message(connector, "test", topic, key, payload, headers, Instant.now());
  }

  private static ObjectNode describe(MappingDefinition m) {
    return m.definition().deepCopy();
  }

  private static int version(String text) {
    try {
      int v = Integer.parseInt(text.trim());
      if (v < 1) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw Requests.invalid("version", "must be a positive integer, not '" + text + "'");
    }
  }

  /** The body as text: JSON or YAML, by content or content type. */
  private String text(Context ctx) {
    String type = ctx.header("Content-Type");
    if (type != null) {
      String media = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      if (!(media.equals("application/json") || media.endsWith("+json") || media.contains("yaml")
          || media.equals("text/plain"))) {
        throw new ApiFailure(ApiFailure.Code.UNSUPPORTED_MEDIA_TYPE,
            "expected application/json or application/yaml, got " + type);
      }
    }
    byte[] bytes = Json.rawBody(ctx, maxBody);
    if (bytes.length == 0) {
      throw Requests.invalid("body", "the request body is empty");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
