package io.doppel.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One audited request: who, what, when, from where, and how it ended. {@code hash} is the SHA-256 of the previous
 * entry's hash and this entry's other fields, so that changing, removing or reordering any entry breaks the chain
 * from there on.
 *
 * @param tenant the tenant the request worked in; null only in entries written before there were tenants, whose
 *     hash does not cover it
 * @param outcome {@code ok}, {@code failed} (a 4xx/5xx answer) or {@code denied} (401/403)
 */
public record AuditEntry(long seq, Instant time, String principal, @Nullable String tenant, String method,
    String path, String route, int status, String outcome, String remote, String prev, String hash) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The text the hash covers: every field but the hash, in a fixed order. */
  String content() {
    return seq + "\n" + time + "\n" + principal + "\n" + (tenant == null ? "" : tenant + "\n") + method + "\n"
        + path + "\n" + route + "\n" + status + "\n"
        + outcome + "\n" + remote + "\n" + prev;
  }

  String computeHash() {
    return ApiKeys.sha256(content());
  }

  public ObjectNode toJson() {
    return JSON.createObjectNode().put("seq", seq).put("time", time.toString()).put("principal", principal)
        .put("tenant", tenant).put("method", method).put("path", path).put("route", route).put("status", status)
        .put("outcome", outcome)
        .put("remote", remote).put("prev", prev).put("hash", hash);
  }

  /** {@link #toJson()} as text, written straight onto a generator (no tree): what the log stores per request. */
  String toJsonText() {
    java.io.StringWriter out = new java.io.StringWriter(384);
    try (com.fasterxml.jackson.core.JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("seq", seq);
      g.writeStringField("time", time.toString());
      g.writeStringField("principal", principal);
      g.writeStringField("tenant", tenant);
      g.writeStringField("method", method);
      g.writeStringField("path", path);
      g.writeStringField("route", route);
      g.writeNumberField("status", status);
      g.writeStringField("outcome", outcome);
      g.writeStringField("remote", remote);
      g.writeStringField("prev", prev);
      g.writeStringField("hash", hash);
      g.writeEndObject();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("an audit entry always serialises", e);
    }
    return out.toString();
  }

  static AuditEntry fromJson(JsonNode n) {
    return new AuditEntry(n.path("seq").asLong(), Instant.parse(n.path("time").asText()), n.path("principal").asText(),
        n.hasNonNull("tenant") ? n.path("tenant").asText() : null, n.path("method").asText(), n.path("path").asText(),
        n.path("route").asText(), n.path("status").asInt(),
        n.path("outcome").asText(), n.path("remote").asText(), n.path("prev").asText(), n.path("hash").asText());
  }
}
