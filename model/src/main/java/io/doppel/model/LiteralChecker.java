package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks the values of literal properties (strings, booleans, integers, language strings) against the digest. */
final class LiteralChecker {
  private static final Pattern LANGUAGE =
      Pattern.compile("^[a-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-[A-Za-z0-9]{5,8})*$");
  private static final java.util.Map<String, String> XSD = java.util.Map.of(
      "string", "xsd:string", "boolean", "xsd:boolean", "integer", "xsd:integer");

  private final Problems problems;

  /** DTDL v3 onwards restricts JSON-LD keywords; v2 tolerates extra keywords in value objects. */
  private final boolean restrictKeywords;

  /** The v4 limits profile whose string lengths apply ("" for the core limits). */
  private final String limits;

  LiteralChecker(Problems problems, int version, String limits) {
    this.problems = problems;
    this.restrictKeywords = version >= 3;
    this.limits = limits;
  }

  /** JSON-LD value forms: a plain value, a {@code {"@value": ...}} object, or an array of either. */
  static List<JsonNode> values(JsonNode raw) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode item : Texts.items(raw)) {
      out.add(item.isObject() && item.has("@value") ? item.get("@value") : item);
    }
    return out;
  }

  void check(JsonNode raw, PropertyDef def, String id) {
    String datatype = def.datatype();
    if (raw.isNull()) {
      problems.add("propertyValueNull", id, def.name(), null, id + " property '" + def.name() + "' is null.");
      if (datatype != null && !datatype.equals("langString") && XSD.containsKey(datatype)) {
        String cap = Character.toUpperCase(datatype.charAt(0)) + datatype.substring(1);
        problems.add(datatype + "Not" + cap, id, def.name(), null,
            id + " property '" + def.name() + "' has value that is not a JSON " + datatype + ".");
      }
      if (def.minCount() > 0) {
        problems.add("missingLiteralProperty", id, def.name(), null,
            id + " requires property '" + def.name() + "'; however, this property is not present.");
      }
      return;
    }
    if ("langString".equals(datatype)) {
      langString(raw, def, id);
      return;
    }
    String kind = datatype == null ? "literal" : datatype;
    for (JsonNode item : Texts.items(raw)) {
      if (item.isObject() && !valueObject(item, def, id, kind)) {
        return;
      }
    }
    List<JsonNode> values = values(raw);
    if (values.size() < def.minCount()) {
      problems.add(kind + "CountBelowMin", id, def.name(), null,
          id + " property '" + def.name() + "' has no value but one is required.");
      return;
    }
    if (values.size() > def.maxCount() || (values.size() > 1 && !def.plural())) {
      problems.add(kind + "MultipleValues", id, def.name(), null,
          id + " property '" + def.name() + "' has multiple values but only one value is allowed.");
      return;
    }
    for (JsonNode v : values) {
      switch (kind) {
        case "string" -> string(v, def, id);
        case "boolean" -> {
          if (!v.isBoolean()) {
            problems.add("booleanNotBoolean", id, def.name(), null,
                id + " property '" + def.name() + "' has value that is not a JSON boolean.");
          }
        }
        case "integer" -> integer(v, def, id);
        default -> {
          if (!(v.isTextual() || v.isIntegralNumber() || v.isBoolean())) {
            problems.add("literalNotValid", id, def.name(), null,
                id + " property '" + def.name() + "' has value that is not a JSON string, integer, or boolean.");
          }
        }
      }
    }
  }

  /** Checks a JSON-LD value object ({@code {"@value": ..., "@type": ...}}); false when it is unusable. */
  private boolean valueObject(JsonNode item, PropertyDef def, String id, String kind) {
    boolean ok = true;
    for (var e : item.properties()) {
      String key = e.getKey();
      String code = switch (key) {
        case "@value", "@type" -> null;
        case "@id" -> "valueObjectId";
        case "@context" -> "valueObjectContext";
        case "@graph" -> "valueObjectGraph";
        case "@language" -> kind.equals("langString") || !restrictKeywords ? null : "valueObjectLanguage";
        default -> key.startsWith("@") ? (restrictKeywords ? "valueObjectKeyword" : null) : "valueObjectInvalidProp";
      };
      if (code != null) {
        problems.add(code, id, def.name(), null,
            id + " property '" + def.name() + "' has a value object with a disallowed member '" + key + "'.");
        ok = false;
      }
    }
    if (!item.has("@value")) {
      problems.add(kind + "ObjectNoValue", id, def.name(), null,
          id + " property '" + def.name() + "' has a JSON object value without '@value'.");
      return false;
    }
    if (!ok) {
      return false;
    }
    JsonNode type = item.get("@type");
    if (type != null && type.isArray() && type.size() != 1) {
      problems.add("literalTypeNotSingular", id, def.name(), null,
          id + " property '" + def.name() + "' has a value whose @type is not a single type.");
      return false;
    }
    String expected = XSD.get(kind);
    if (type != null && type.isArray() && type.size() == 1) {
      type = type.get(0);
    }
    String declared = type != null && type.isTextual() ? declaredKind(type.asText()) : null;
    if (declared != null && (expected == null || declared.equals(kind))) {
      JsonNode v = item.get("@value");
      boolean conforms = switch (declared) {
        case "string" -> v.isTextual();
        case "boolean" -> v.isBoolean();
        default -> v.isIntegralNumber();
      };
      if (!conforms) {
        String cap = Character.toUpperCase(declared.charAt(0)) + declared.substring(1);
        problems.add(declared + "ValueNot" + cap, id, def.name(), null,
            id + " property '" + def.name() + "' has a value that does not match its @type " + type.asText() + ".");
        if (expected == null) {
          problems.add("literalNotValid", id, def.name(), null,
              id + " property '" + def.name() + "' has value that is not a JSON string, integer, or boolean.");
        }
        return false;
      }
    }
    if (type != null && expected != null && !(type.isTextual() && (type.asText().equals(expected)
        || type.asText().equals("http://www.w3.org/2001/XMLSchema#" + kind)))) {
      String cap = Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
      problems.add(kind + "TypeNot" + cap, id, def.name(), null,
          id + " property '" + def.name() + "' has a value whose @type is not " + expected + ".");
      return false;
    }
    return true;
  }

  private static @Nullable String declaredKind(String xsdType) {
    for (var e : XSD.entrySet()) {
      if (xsdType.equals(e.getValue()) || xsdType.equals("http://www.w3.org/2001/XMLSchema#" + e.getKey())) {
        return e.getKey();
      }
    }
    return null;
  }

  private void string(JsonNode v, PropertyDef def, String id) {
    if (!v.isTextual()) {
      problems.add("stringNotString", id, def.name(), null,
          id + " property '" + def.name() + "' has value that is not a JSON string.");
      return;
    }
    String text = v.asText();
    if (text.length() > def.maxLength(limits)) {
      problems.add("stringTooLong", id, def.name(), text,
          id + " property '" + def.name() + "' has a value longer than " + def.maxLength(limits) + " characters.");
    } else if (def.pattern() != null && !def.pattern().matcher(text).matches()) {
      problems.add("stringInvalid", id, def.name(), text,
          id + " property '" + def.name() + "' has value '" + text + "', which is invalid.");
    }
  }

  private void integer(JsonNode v, PropertyDef def, String id) {
    if (!v.isIntegralNumber()) {
      problems.add("integerNotInteger", id, def.name(), null,
          id + " property '" + def.name() + "' has value that is not a JSON integer.");
      return;
    }
    long value = v.asLong();
    if (def.minInclusive() != null && def.minInclusive().equals(def.maxInclusive())) {
      if (value != def.minInclusive()) {
        problems.add("valueNotExact", id, def.name(), value,
            id + " property '" + def.name() + "' has value " + value + " but must be " + def.minInclusive() + ".");
      }
      return;
    }
    if (def.minInclusive() != null && value < def.minInclusive()) {
      problems.add("valueBelowMin", id, def.name(), value,
          id + " property '" + def.name() + "' has value " + value + ", below the minimum " + def.minInclusive() + ".");
      if (value < 0 && def.minInclusive() >= 0) {
        problems.add("valueBelowRange", id, def.name(), value,
            id + " property '" + def.name() + "' has a negative value, outside the range of its datatype.");
      }
    }
    if (def.maxInclusive() != null && value > def.maxInclusive()) {
      problems.add("valueAboveMax", id, def.name(), value,
          id + " property '" + def.name() + "' has value " + value + ", above the maximum " + def.maxInclusive() + ".");
    }
  }

  private void langString(JsonNode raw, PropertyDef def, String id) {
    int max = def.maxLength(limits);
    if (raw.isObject() && raw.has("@value") && raw.has("@language") && raw.properties().stream()
        .allMatch(e -> e.getKey().equals("@value") || e.getKey().equals("@language"))) {
      problems.add("langTagValueInLangMap", id, def.name(), null,
          id + " property '" + def.name() + "' is a language map holding a language-tagged value.");
      return;
    }
    if (raw.isObject()) {
      Set<String> codes = new HashSet<>();
      raw.properties().forEach(e -> {
        if (e.getKey().startsWith("@")) {
          problems.add("langMapObjKeyword", id, def.name(), e.getKey(),
              id + " property '" + def.name() + "' has a language map with keyword " + e.getKey() + ".");
          return;
        }
        if (!LANGUAGE.matcher(e.getKey()).matches()) {
          problems.add("langStringInvalidCode", id, def.name(), e.getKey(),
              id + " property '" + def.name() + "' has invalid language code '" + e.getKey() + "'.");
        }
        if (!codes.add(e.getKey().toLowerCase(java.util.Locale.ROOT))) {
          problems.add("langStringCodeNotUnique", id, def.name(), e.getKey(), "Language code repeated.");
        }
        if (!e.getValue().isTextual()) {
          problems.add("langStringValueNotString", id, def.name(), e.getKey(),
              id + " property '" + def.name() + "' with language code '" + e.getKey() + "' is not a string.");
        } else if (e.getValue().asText().length() > max) {
          problems.add("langStringValueTooLong", id, def.name(), e.getKey(),
              id + " property '" + def.name() + "' is longer than " + max + " characters.");
        }
      });
      return;
    }
    Set<String> codes = new HashSet<>();
    for (JsonNode item : Texts.items(raw)) {
      JsonNode value = item;
      String code = "en";
      if (item.isObject()) {
        value = item.get("@value");
        JsonNode lang = item.get("@language");
        boolean bad = false;
        for (var e : item.properties()) {
          String k = e.getKey();
          String c = switch (k) {
            case "@value", "@language" -> null;
            case "@id" -> "langStringElementId";
            case "@context" -> "langStringElementContext";
            case "@graph" -> "langStringElementGraph";
            case "@type" -> restrictKeywords ? "langStringElementType" : null;
            default -> k.startsWith("@") ? (restrictKeywords ? "langStringElementKeyword" : null)
                : "langStringElementInvalidProp";
          };
          if (c != null) {
            problems.add(c, id, def.name(), k,
                id + " property '" + def.name() + "' has a language string with member '" + k + "'.");
            bad = true;
          }
        }
        if (value == null) {
          problems.add("langStringElementNoValue", id, def.name(), null, "Language string element has no @value.");
          continue;
        }
        if (bad) {
          return;
        }
        if (lang != null) {
          code = lang.asText();
          if (!lang.isTextual()) {
            problems.add("langStringElementCodeNotString", id, def.name(), null,
                id + " property '" + def.name() + "' has a language code that is not a string.");
          }
          if (!lang.isTextual() || !LANGUAGE.matcher(code).matches()) {
            problems.add("langStringElementInvalidCode", id, def.name(), code,
                id + " property '" + def.name() + "' has invalid language code '" + code + "'.");
            return;
          }
        }
        if (!value.isTextual()) {
          problems.add("langStringElementValueNotString", id, def.name(), null,
              id + " property '" + def.name() + "' has a language string whose @value is not a string.");
          continue;
        }
      }
      if (!value.isTextual()) {
        problems.add("langStringElementNotStringOrObject", id, def.name(), null,
            id + " property '" + def.name() + "' has a value that is not a string.");
        if (!raw.isArray()) {
          problems.add("langStringNotLangString", id, def.name(), null,
              id + " property '" + def.name() + "' is neither a string, a language map nor an array of them.");
        }
        continue;
      }
      if (!codes.add(code.toLowerCase(java.util.Locale.ROOT))) {
        problems.add("langStringElementCodeNotUnique", id, def.name(), code, "Language code repeated.");
      }
      if (value.asText().length() > max) {
        problems.add("langStringValueTooLong", id, def.name(), code,
            id + " property '" + def.name() + "' is longer than " + max + " characters.");
      }
    }
  }
}
