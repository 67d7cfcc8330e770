package io.doppel.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A policy's {@code related} selector: the twins reachable from a twin whose id matches {@code from} by following
 * outgoing relationships named one of {@code relationships} (any name when empty), at most {@code maxHops} hops;
 * the roots themselves included.
 */
public record RelatedTwins(Glob from, Set<String> relationships, int maxHops) {
  static final int DEFAULT_HOPS = 10;
  static final int MAX_HOPS = 100;
  private static final ObjectMapper JSON = new ObjectMapper();

  public RelatedTwins {
    relationships = Set.copyOf(relationships);
  }

  /** What identifies the selector for caching (a {@link Glob}'s pattern has no value equality). */
  String key() {
    return from.text() + '\n' + String.join("\n", relationships.stream().sorted().toList()) + '\n' + maxHops;
  }

  /** The part of {@code from} before its first wildcard: every root's id starts with it. */
  String rootPrefix() {
    String text = from.text();
    int wildcard = 0;
    while (wildcard < text.length() && text.charAt(wildcard) != '*' && text.charAt(wildcard) != '?') {
      wildcard++;
    }
    return text.substring(0, wildcard);
  }

  boolean follows(String relationshipName) {
    return relationships.isEmpty() || relationships.contains(relationshipName);
  }

  ObjectNode toJson() {
    ObjectNode node = JSON.createObjectNode().put("from", from.text());
    relationships.stream().sorted().forEach(node.putArray("relationships")::add);
    return node.put("maxHops", maxHops);
  }

  /** Reads {@code /related}; every mistake is a 400 naming the field. */
  static RelatedTwins parse(JsonNode node) {
    if (!(node instanceof ObjectNode)) {
      throw ApiKeys.invalid("/related",
          "an object: {\"from\": \"site-*\", \"relationships\": [\"contains\"], \"maxHops\": 5}");
    }
    for (var names = node.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!Set.of("from", "relationships", "maxHops").contains(field)) {
        throw ApiKeys.invalid("/related/" + field, "unknown field '" + field + "'");
      }
    }
    JsonNode from = node.path("from");
    if (!from.isTextual() || from.asText().isEmpty()) {
      throw ApiKeys.invalid("/related/from", "required: a twin-id pattern such as \"site-berlin*\"");
    }
    Set<String> names = new LinkedHashSet<>();
    JsonNode rels = node.get("relationships");
    if (rels != null && !rels.isNull()) {
      if (!rels.isArray()) {
        throw ApiKeys.invalid("/related/relationships", "expected an array of relationship names");
      }
      for (int i = 0; i < rels.size(); i++) {
        if (!rels.get(i).isTextual() || rels.get(i).asText().isBlank()) {
          throw ApiKeys.invalid("/related/relationships/" + i, "expected a non-empty relationship name");
        }
        names.add(rels.get(i).asText());
      }
    }
    JsonNode hops = node.get("maxHops");
    int maxHops = DEFAULT_HOPS;
    if (hops != null && !hops.isNull()) {
      if (!hops.isIntegralNumber() || !hops.canConvertToInt() || hops.asInt() < 0 || hops.asInt() > MAX_HOPS) {
        throw ApiKeys.invalid("/related/maxHops", "an integer from 0 (the roots only) to " + MAX_HOPS);
      }
      maxHops = hops.asInt();
    }
    return new RelatedTwins(Glob.of(from.asText()), names, maxHops);
  }
}
