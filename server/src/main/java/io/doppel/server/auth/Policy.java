package io.doppel.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import io.doppel.model.ModelCatalog;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One grant: callers holding any of {@code roles} may do {@code actions} on the twins whose id matches
 * {@code twins} and, when {@code model} is set, whose model is it or extends it; reads of those twins show the
 * properties matching {@code properties} except those matching {@code exceptProperties}. When {@code related} is
 * set, the twin must also be reachable by relationships from its roots ({@link RelatedTwins}). Grants add up: a
 * caller may do what any of their policies allows.
 */
public record Policy(String id, Set<String> roles, Set<Action> actions, Glob twins, @Nullable Dtmi model,
    @Nullable RelatedTwins related, List<Glob> properties, List<Glob> exceptProperties) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  public Policy {
    roles = Set.copyOf(roles);
    actions = Set.copyOf(actions);
    properties = List.copyOf(properties);
    exceptProperties = List.copyOf(exceptProperties);
  }

  boolean grants(Action action) {
    return actions.contains(action) || actions.contains(Action.ADMIN);
  }

  boolean appliesTo(Set<String> callerRoles) {
    for (String r : roles) {
      if (callerRoles.contains(r)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the twin falls under this policy; a twin whose model is unknown (not yet created) only by id, and never
   * by {@code related} (a twin not yet created is reachable from nothing).
   */
  boolean covers(String twinId, @Nullable Dtmi twinModel, ModelCatalog catalog,
      Function<RelatedTwins, Set<String>> reach) {
    if (!twins.matches(twinId)) {
      return false;
    }
    if (model != null && (twinModel == null || !twinModel.equals(model) && !catalog.isA(twinModel, model))) {
      return false;
    }
    return related == null || reach.apply(related).contains(twinId);
  }

  /** Whether the model falls under this policy (model routes). */
  boolean coversModel(Dtmi candidate, ModelCatalog catalog) {
    return model == null || candidate.equals(model) || catalog.isA(candidate, model);
  }

  /** Every twin and every property: what an unrestricted grant looks like. */
  boolean unrestricted() {
    return twins.everything() && model == null && related == null && allProperties();
  }

  boolean allProperties() {
    return exceptProperties.isEmpty() && properties.stream().anyMatch(Glob::everything);
  }

  boolean showsProperty(String name) {
    return properties.stream().anyMatch(g -> g.matches(name)) && exceptProperties.stream().noneMatch(g -> g.matches(name));
  }

  public ObjectNode toJson() {
    ObjectNode node = JSON.createObjectNode().put("id", id);
    roles.stream().sorted().forEach(node.putArray("roles")::add);
    var actionArray = node.putArray("actions");
    actions.stream().sorted().forEach(a -> actionArray.add(a.wire()));
    node.put("twins", twins.text());
    if (model != null) {
      node.put("model", model.value());
    }
    if (related != null) {
      node.set("related", related.toJson());
    }
    var shown = node.putArray("properties");
    properties.forEach(g -> shown.add(g.text()));
    if (!exceptProperties.isEmpty()) {
      var hidden = node.putArray("exceptProperties");
      exceptProperties.forEach(g -> hidden.add(g.text()));
    }
    return node;
  }

  /** Reads a policy document; every mistake is a 400 naming the field. */
  public static Policy parse(String id, JsonNode body) {
    if (!ID.matcher(id).matches()) {
      throw ApiKeys.invalid("id", "a policy id is 1-128 letters, digits or . _ : -");
    }
    if (!(body instanceof ObjectNode)) {
      throw ApiKeys.invalid("/", "a policy is a JSON object");
    }
    for (var names = body.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!Set.of("id", "roles", "actions", "twins", "model", "related", "properties",
          "exceptProperties").contains(field)) {
        throw ApiKeys.invalid("/" + field, "unknown field '" + field + "'");
      }
    }
    if (body.has("id") && !body.path("id").asText().equals(id)) {
      throw ApiKeys.invalid("/id", "the body's id differs from the path's");
    }
    Set<String> roles = new LinkedHashSet<>(strings(body, "roles", true));
    Set<Action> actions = EnumSet.noneOf(Action.class);
    for (String a : strings(body, "actions", true)) {
      Action action = Action.parse(a);
      if (action == null) {
        throw ApiKeys.invalid("/actions", "unknown action '" + a + "' (read, write, delete, query, simulate, personal, admin)");
      }
      actions.add(action);
    }
    JsonNode twins = body.path("twins");
    if (!twins.isMissingNode() && (!twins.isTextual() || twins.asText().isEmpty())) {
      throw ApiKeys.invalid("/twins", "a twin-id pattern such as \"pump-*\"");
    }
    Dtmi model = null;
    JsonNode m = body.get("model");
    if (m != null && !m.isNull()) {
      try {
        model = Dtmi.parse(m.asText());
      } catch (RuntimeException e) {
        throw ApiKeys.invalid("/model", "not a DTMI: " + e.getMessage());
      }
    }
    JsonNode r = body.get("related");
    RelatedTwins related = r == null || r.isNull() ? null : RelatedTwins.parse(r);
    List<String> props = body.has("properties") ? strings(body, "properties", true) : List.of("*");
    return new Policy(id, roles, actions, Glob.of(twins.isMissingNode() ? "*" : twins.asText()), model, related,
        props.stream().map(Glob::of).toList(),
        strings(body, "exceptProperties", false).stream().map(Glob::of).toList());
  }

  private static List<String> strings(JsonNode body, String field, boolean required) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw ApiKeys.invalid("/" + field, "required: a non-empty array of strings");
      }
      return List.of();
    }
    if (!node.isArray() || required && node.isEmpty()) {
      throw ApiKeys.invalid("/" + field, "expected a" + (required ? " non-empty" : "n") + " array of strings");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isTextual() || node.get(i).asText().isBlank()) {
        throw ApiKeys.invalid("/" + field + "/" + i, "expected a non-empty string");
      }
      out.add(node.get(i).asText());
    }
    return out;
  }
}
