package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One property of a metamodel class in one DTDL version, read from the digest.
 *
 * @param name its term, e.g. {@code schema}
 * @param common the version-independent facts (literal or not, datatype, plural, optional)
 * @param versioned the facts of this version (class, counts, length, pattern, ranges, allowed values)
 */
record PropertyDef(String name, JsonNode common, JsonNode versioned) {

  boolean literal() {
    return common.path("literal").asBoolean(false);
  }

  /** The literal datatype ({@code string}, {@code boolean}, {@code integer}, {@code langString}...) or null. */
  @Nullable String datatype() {
    JsonNode d = common.get("datatype");
    return d == null ? null : d.asText();
  }

  /** The class of the values of a non-literal property, for this version. */
  @Nullable String valueClass() {
    JsonNode c = versioned.get("class");
    if (c == null) {
      c = common.get("class");
    }
    return c == null ? null : c.asText();
  }

  boolean plural() {
    return common.path("plural").asBoolean(false);
  }

  boolean typeRequired() {
    return versioned.path("typeRequired").asBoolean(true);
  }

  int minCount() {
    return versioned.path("minCount").asInt(0);
  }

  int maxCount() {
    return versioned.path("maxCount").asInt(Integer.MAX_VALUE);
  }

  /** The longest value allowed under a limits profile ("" for the core limits, which also fill in gaps). */
  int maxLength(String limits) {
    JsonNode lengths = versioned.path("maxLength");
    return lengths.path(limits).asInt(lengths.path("").asInt(Integer.MAX_VALUE));
  }

  @Nullable Pattern pattern() {
    JsonNode p = versioned.get("pattern");
    return p == null ? null : Patterns.compile(p.asText()).orElse(null);
  }

  @Nullable Long minInclusive() {
    JsonNode v = versioned.get("minInclusive");
    return v == null ? null : v.asLong();
  }

  @Nullable Long maxInclusive() {
    JsonNode v = versioned.get("maxInclusive");
    return v == null ? null : v.asLong();
  }

  /** The terms this property accepts as values when it is restricted to predefined instances, else empty. */
  Set<String> values() {
    Set<String> out = new HashSet<>();
    versioned.path("values").forEach(v -> out.add(v.asText()));
    return out;
  }

  Set<String> valueUris() {
    Set<String> out = new HashSet<>();
    versioned.path("valueUris").forEach(v -> out.add(v.asText()));
    return out;
  }

  Set<String> uniqueProperties() {
    Set<String> out = new HashSet<>();
    versioned.path("uniqueProperties").forEach(v -> out.add(v.asText()));
    return out;
  }

  boolean idRequired() {
    return versioned.path("idRequired").asBoolean(false);
  }

  /** The DTDL versions of elements this property may hold (empty when unrestricted). */
  Set<Integer> versions() {
    Set<Integer> out = new HashSet<>();
    versioned.path("versions").forEach(v -> out.add(v.asInt()));
    return out;
  }

  /** Whether this property holds an identifier (a DTMI literal, e.g. a Relationship's target). */
  boolean identifier() {
    return !literal() && valueClass() == null;
  }
}
