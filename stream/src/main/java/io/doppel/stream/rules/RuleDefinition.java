package io.doppel.stream.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A rule as a client defines it (the JSON of {@code PUT /rules/{id}}), checked for shape only; whether its names
 * and types fit its model is {@link RuleCompiler}'s job.
 *
 * @param kind {@code derived}: keep {@code target} equal to {@code expression}; {@code alert}: raise when
 *     {@code condition} holds (for {@code holdFor}), clear when {@code clear} does (default: when it no longer holds)
 * @param holdFor the JSON field {@code for}; zero when absent
 * @param property for an alert, a property of the twin the alert's state is written to (optional)
 */
public record RuleDefinition(
    String id,
    Kind kind,
    Dtmi model,
    @Nullable String description,
    @Nullable String target,
    @Nullable String expression,
    @Nullable String condition,
    @Nullable String clear,
    Duration holdFor,
    String severity,
    @Nullable String property) {

  /** What a rule does. The JSON names are API: never rename one. */
  public enum Kind { DERIVED, ALERT }

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
  private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
  private static final Duration MAX_HOLD = Duration.ofDays(7);
  private static final Set<String> COMMON = Set.of("id", "kind", "model", "description");
  private static final Set<String> DERIVED = Set.of("target", "expression");
  private static final Set<String> ALERT = Set.of("condition", "clear", "for", "severity", "property");

  /** The definition in {@code body} for rule {@code id}; the body's {@code id}, if given, must be the same. */
  public static RuleDefinition parse(String id, JsonNode body) {
    checkId(id);
    if (!body.isObject()) {
      throw RuleErrors.field("body", "a rule is a JSON object");
    }
    String bodyId = text(body, "id", false);
    if (bodyId != null && !bodyId.equals(id)) {
      throw RuleErrors.field("id", "the body says '" + bodyId + "' but the path says '" + id + "'");
    }
    String kindText = text(body, "kind", true);
    Kind kind = switch (kindText.toLowerCase(Locale.ROOT)) {
      case "derived" -> Kind.DERIVED;
      case "alert" -> Kind.ALERT;
      default -> throw RuleErrors.field("kind", "expected 'derived' or 'alert', got '" + kindText + "'");
    };
    Set<String> allowed = new java.util.HashSet<>(COMMON);
    allowed.addAll(kind == Kind.DERIVED ? DERIVED : ALERT);
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw RuleErrors.field(name, "not a field of " + kind.name().toLowerCase(Locale.ROOT) + " rules (they take "
            + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
    String modelText = text(body, "model", true);
    if (!Dtmi.isValid(modelText)) {
      throw RuleErrors.field("model", "not a valid DTMI: '" + modelText + "'");
    }
    Dtmi model = Dtmi.parse(modelText);
    String description = text(body, "description", false);
    if (kind == Kind.DERIVED) {
      String target = name(body, "target", true);
      return new RuleDefinition(id, kind, model, description, target, text(body, "expression", true), null, null,
          Duration.ZERO, "info", null);
    }
    String severity = text(body, "severity", false);
    if (severity == null) {
      severity = "warning";
    } else if (!SEVERITIES.contains(severity)) {
      throw RuleErrors.field("severity", "expected info, warning or critical, got '" + severity + "'");
    }
    return new RuleDefinition(id, kind, model, description, null, null, text(body, "condition", true),
        text(body, "clear", false), hold(text(body, "for", false)), severity, name(body, "property", false));
  }

  /** Rule ids: letters, digits and {@code . _ : -}, at most 128, starting with a letter or digit. */
  public static String checkId(String id) {
    if (!ID.matcher(id).matches()) {
      throw RuleErrors.field("id", "a rule id is 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a "
          + "letter or digit; got '" + id + "'");
    }
    return id;
  }

  /** The definition as JSON, in the shape {@link #parse} reads: what is stored and what {@code GET} shows. */
  public ObjectNode toJson() {
    ObjectNode out = JSON.createObjectNode().put("id", id).put("kind", kind.name().toLowerCase(Locale.ROOT))
        .put("model", model.value());
    if (description != null) {
      out.put("description", description);
    }
    if (kind == Kind.DERIVED) {
      out.put("target", target).put("expression", expression);
      return out;
    }
    out.put("condition", condition);
    if (clear != null) {
      out.put("clear", clear);
    }
    if (!holdFor.isZero()) {
      out.put("for", holdFor.toString());
    }
    out.put("severity", severity);
    if (property != null) {
      out.put("property", property);
    }
    return out;
  }

  private static Duration hold(@Nullable String text) {
    if (text == null) {
      return Duration.ZERO;
    }
    try {
      Duration d = Duration.parse(text);
      if (d.isNegative() || d.compareTo(MAX_HOLD) > 0) {
        throw RuleErrors.field("for", "must be between PT0S and " + MAX_HOLD + ", got " + text);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw RuleErrors.field("for", "not an ISO-8601 duration such as PT30S: '" + text + "'");
    }
  }

  private static @Nullable String name(JsonNode body, String field, boolean required) {
    String value = text(body, field, required);
    if (value != null && !NAME.matcher(value).matches()) {
      throw RuleErrors.field(field, "not a property name: '" + value + "'");
    }
    return value;
  }

  private static @Nullable String text(JsonNode body, String field, boolean required) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw RuleErrors.field(field, "required");
      }
      return null;
    }
    if (!node.isTextual()) {
      throw RuleErrors.field(field, "must be a string, got " + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    return node.asText();
  }
}
