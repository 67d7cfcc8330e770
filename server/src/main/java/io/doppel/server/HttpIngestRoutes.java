package io.doppel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.ingest.Ingestor;
import io.doppel.ingest.Message;
import io.doppel.ingest.Outcome;
import io.doppel.ingest.spi.DeadLetter;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * HTTP as a connector: {@code POST /ingest?topic=...} hands one raw payload (any content type) to the ingestor, as
 * an MQTT publish would be, so the same mappings and dead letters apply; {@code POST /ingest/batch} hands many at
 * once. Both answer once every message is durable: applied, or kept as a dead letter (then 202 with why).
 */
final class HttpIngestRoutes {
  static final int MAX_BATCH = 10_000;
  private static final Executor REPLIES = task -> Thread.ofVirtual().start(task);
  private static final String CONNECTOR = "http";

  private final Ingestor ingestor;
  private final WriteAdmission admission;
  private final long maxBody;

  /** The request itself holds one place of {@code admission}'s budget (taken before its body is read). */
  HttpIngestRoutes(Ingestor ingestor, WriteAdmission admission, long maxBody) {
    this.ingestor = ingestor;
    this.admission = admission;
    this.maxBody = maxBody;
  }

  void addTo(RouteTable table) {
    table.post("/ingest", this::one).post("/ingest/batch", this::batch);
  }

  private void one(Context ctx) {
    String topic = ctx.queryParam("topic");
    if (topic == null || topic.isBlank()) {
      throw Requests.invalid("topic", "the topic is missing, e.g. ?topic=twins/room-1/telemetry");
    }
    byte[] payload = Json.rawBody(ctx, maxBody);
    Map<String, String> headers = new HashMap<>();
    String sourceTime = ctx.header("Telemetry-Source-Time");
    if (sourceTime != null) {
      headers.put("Telemetry-Source-Time", sourceTime);
    }
    Message message = new Message(CONNECTOR, source(ctx), topic, ctx.queryParam("key"), payload, headers,
        Instant.now());
    CompletableFuture<Outcome> outcome = ingestor.ingestAdmitted(message);
    ctx.future(() -> outcome.thenAcceptAsync(o -> Json.respond(ctx, o.isApplied() ? 200 : 202, json(o)), REPLIES));
  }

  private void batch(Context ctx) {
    JsonNode body = Json.readObject(ctx, maxBody).path("messages");
    if (!body.isArray()) {
      throw Requests.invalid("messages", "the body must be {\"messages\": [{\"topic\", \"payload\"}...]}");
    }
    if (body.size() > MAX_BATCH) {
      throw Requests.invalid("messages", "at most " + MAX_BATCH + " messages per batch, got " + body.size());
    }
    String source = source(ctx);
    Instant now = Instant.now();
    List<Message> messages = new ArrayList<>(body.size());
    for (int i = 0; i < body.size(); i++) {
      messages.add(message(body.get(i), "messages[" + i + "]", source, now));
    }
    // one place per message: a batch weighs what its messages weigh on the apply
    if (!admission.tryMore(ctx, messages.size() - 1)) {
      throw admission.overloaded(ctx);
    }
    List<CompletableFuture<Outcome>> outcomes = messages.stream().map(ingestor::ingestAdmitted).toList();
    CompletableFuture<Void> all = CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new));
    ctx.future(() -> all.thenRunAsync(() -> {
      ObjectNode out = Json.MAPPER.createObjectNode();
      ArrayNode results = Json.MAPPER.createArrayNode();
      int applied = 0;
      for (CompletableFuture<Outcome> f : outcomes) {
        Outcome o = f.join();
        applied += o.isApplied() ? 1 : 0;
        results.add(json(o));
      }
      out.put("applied", applied).put("deadLettered", outcomes.size() - applied).set("results", results);
      Json.respond(ctx, 200, out);
    }, REPLIES));
  }

  /** One batch entry: a topic, and a payload as JSON ({@code payload}) or as bytes ({@code payloadBase64}). */
  private static Message message(JsonNode entry, String at, String source, Instant now) {
    if (!entry.isObject()) {
      throw Requests.invalid(at, "each message must be an object with a topic and a payload");
    }
    String topic = entry.path("topic").asText("");
    if (topic.isBlank()) {
      throw Requests.invalid(at + ".topic", "the topic is missing");
    }
    byte[] payload;
    if (entry.has("payloadBase64")) {
      try {
        payload = Base64.getDecoder().decode(entry.path("payloadBase64").asText());
      } catch (IllegalArgumentException e) {
        throw Requests.invalid(at + ".payloadBase64", "not valid base64: " + e.getMessage());
      }
    } else if (entry.has("payload")) {
      payload = entry.get("payload").toString().getBytes(StandardCharsets.UTF_8);
    } else {
      throw Requests.invalid(at + ".payload", "the payload is missing (payload as JSON, or payloadBase64)");
    }
    Map<String, String> headers = new HashMap<>();
    entry.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
    String key = entry.hasNonNull("key") ? entry.get("key").asText() : null;
    return new Message(CONNECTOR, source, topic, key, payload, headers, now);
  }

  private static String source(Context ctx) {
    String named = ctx.header("X-Doppel-Source");
    return named == null || named.isBlank() ? io.doppel.server.auth.AccessGuard.client(ctx) : named;
  }

  private static ObjectNode json(Outcome o) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    DeadLetter letter = o.deadLetter();
    if (letter == null) {
      return node.put("outcome", "applied").put("updates", o.updates());
    }
    return node.put("outcome", "deadLettered").put("deadLetterId", letter.id()).put("reason", letter.reason())
        .put("detail", letter.detail());
  }
}
