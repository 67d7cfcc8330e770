package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The DTDL metamodel, read from DTDLParser's digest ({@code dtdl_digest.json}, shipped as a resource): classes,
 * their properties per version with counts, lengths, patterns and ranges, contexts (term to DTMI) and extensions.
 * Loaded once; read-only afterwards.
 */
final class MetaModel {
  private static final List<String> DOPPEL_EXTENSIONS =
      List.of("doppel_sim_extension.json", "doppel_privacy_extension.json");
  private static final MetaModel INSTANCE = load();

  private final JsonNode digest;
  private final JsonNode classes;
  private final JsonNode contexts;
  private final JsonNode supplemental;
  private final Set<String> supplementalProperties;

  private MetaModel(JsonNode digest) {
    this.digest = digest;
    this.classes = digest.path("materialClasses");
    this.contexts = digest.path("contexts");
    this.supplemental = digest.path("supplementalTypes");
    Set<String> props = new HashSet<>();
    supplemental.forEach(t -> t.path("properties").properties().forEach(p -> props.add(p.getKey())));
    this.supplementalProperties = Set.copyOf(props);
  }

  /** True when the DTMI is a property some supplemental type defines (e.g. {@code unit}). */
  boolean isSupplementalProperty(String dtmi) {
    return supplementalProperties.contains(dtmi);
  }

  /**
   * The depth limit the digest's descendant controls set for a property chain of a class in a version, under a
   * limits profile ({@code ""} for the core limits, e.g. {@code aio_1}); {@code fallback} when none is given.
   */
  int maxDepth(String definingClass, String property, int version, String spec, int fallback) {
    for (JsonNode control : digest.path("descendantControls")) {
      if (control.path("dtdlVersion").asInt() != version
          || !control.path("definingClass").asText().equals(definingClass)
          || !control.has("maxDepth")) {
        continue;
      }
      for (JsonNode p : control.path("properties")) {
        if (p.asText().equals(property)) {
          JsonNode depth = control.path("maxDepth");
          return depth.path(spec).asInt(depth.path("").asInt(fallback));
        }
      }
    }
    return fallback;
  }

  /** Whether every supplemental type defining this property DTMI requires co-co-types (e.g. mqtt's Cacheable). */
  boolean definingTypesRequireCocotypes(String propertyDtmi) {
    boolean any = false;
    for (JsonNode type : supplemental) {
      if (type.path("properties").has(propertyDtmi)) {
        if (type.path("cocotypes").isEmpty()) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  /** Whether some supplemental type defines a literal (XSD-typed) property with this term, e.g. {@code annotates}. */
  boolean isLiteralSupplementalProperty(String term) {
    for (JsonNode type : supplemental) {
      for (var p : type.path("properties").properties()) {
        if (p.getValue().path("propertyName").asText().equals(term)) {
          return p.getValue().path("type").asText("").startsWith("http://www.w3.org/2001/XMLSchema#");
        }
      }
    }
    return false;
  }

  static MetaModel get() {
    return INSTANCE;
  }

  private static MetaModel load() {
    try (InputStream in = MetaModel.class.getResourceAsStream("dtdl_digest.json")) {
      if (in == null) {
        throw new IllegalStateException("dtdl_digest.json is missing from the classpath");
      }
      byte[] bytes = in.readAllBytes();
      int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF ? 3 : 0;
      JsonNode digest = new ObjectMapper().readTree(bytes, start, bytes.length - start);
      mergeDoppelExtensions((ObjectNode) digest);
      return new MetaModel(digest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Doppel's own extension contexts ({@code dtmi:io:doppel:sim;1}, see docs/simulation.md;
   * {@code dtmi:io:doppel:privacy;1}, see docs/security.md) are written in the digest's shape and joined to it, so
   * the parser treats them exactly as it treats DTDL's standard extensions.
   */
  private static void mergeDoppelExtensions(ObjectNode digest) throws IOException {
    for (String resource : DOPPEL_EXTENSIONS) {
      try (InputStream in = MetaModel.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is missing from the classpath");
        }
        JsonNode extensions = new ObjectMapper().readTree(in);
        for (String section : List.of("contexts", "supplementalTypes", "extensionDocumentation")) {
          ObjectNode target = (ObjectNode) digest.path(section);
          extensions.path(section).properties().forEach(e -> target.set(e.getKey(), e.getValue()));
        }
      }
    }
  }

  static String dtdlContext(int version) {
    return "dtmi:dtdl:context;" + version;
  }

  boolean knownContextStartingWith(String prefix) {
    var names = contexts.fieldNames();
    while (names.hasNext()) {
      if (names.next().startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** True when the DTMI starts with a prefix some context reserves (e.g. {@code dtmi:dtdl:}). */
  boolean isReserved(String dtmi) {
    for (JsonNode prefixes : digest.path("reservedIdPrefixes")) {
      for (JsonNode p : prefixes) {
        if (dtmi.startsWith(p.asText())) {
          return true;
        }
      }
    }
    return false;
  }

  /** True when the DTMI starts with a prefix that one of the active contexts reserves. */
  boolean isReserved(String dtmi, List<String> activeContexts) {
    for (String context : activeContexts) {
      for (JsonNode p : digest.path("reservedIdPrefixes").path(context)) {
        if (dtmi.startsWith(p.asText())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Affiliate contexts (e.g. IoT Central's) that imply a DTDL version and may precede the DTDL context. */
  boolean isAffiliateContext(String context) {
    return digest.path("affiliateContextsImplicitDtdlVersions").has(context);
  }

  /** The term definitions of a context (empty when unknown). */
  JsonNode contextTerms(String context) {
    return contexts.path(context);
  }

  /**
   * Whether any of DTDL's own contexts (core or extension, any version) defines this term: DTDLParser reserves
   * those terms even where the defining context is not in force.
   */
  boolean isDtdlTerm(String term) {
    for (var c : contexts.properties()) {
      if (c.getKey().startsWith("dtmi:dtdl:") && c.getValue().has(term)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether an affiliate context (one outside DTDL's own namespace, e.g. iotoperations) defines {@code typeTerm}
   * as a supplemental type with the property {@code propertyTerm}. DTDLParser knows affiliate terms even where
   * their context is not in force.
   */
  boolean affiliateTypeDefines(String typeTerm, String propertyTerm) {
    for (var c : contexts.properties()) {
      JsonNode type = c.getValue().get(typeTerm);
      if (c.getKey().startsWith("dtmi:dtdl:") || type == null) {
        continue;
      }
      for (var p : supplemental.path(type.asText()).path("properties").properties()) {
        if (p.getValue().path("propertyName").asText().equals(propertyTerm)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The limits profile a limits context selects (e.g. {@code aio_1}); "" for the core limits. */
  String limitSpec(String context) {
    return digest.path("limitContexts").path(context).path("spec").asText("");
  }

  /** Whether a context is a limits profile of DTDL v4 (e.g. {@code dtmi:dtdl:limits:aio;1}). */
  boolean isLimitContext(String context) {
    return digest.path("limitContexts").has(context);
  }

  boolean isKnownContext(String context) {
    return contexts.has(context);
  }

  /** The DTMI a term maps to in the given contexts (later contexts win, as in JSON-LD), or null. */
  @Nullable String expand(String term, List<String> activeContexts) {
    for (int i = activeContexts.size() - 1; i >= 0; i--) {
      JsonNode mapped = contexts.path(activeContexts.get(i)).get(term);
      if (mapped != null) {
        return mapped.asText();
      }
    }
    return null;
  }

  /** The material class a {@code @type} value names (term or class DTMI) in this version, or null. */
  @Nullable String materialClass(String type, int version, List<String> activeContexts) {
    String dtmi = type.startsWith("dtmi:") ? type : expand(type, activeContexts);
    String prefix = "dtmi:dtdl:class:";
    String suffix = ";" + version;
    if (dtmi == null || !dtmi.startsWith(prefix) || !dtmi.endsWith(suffix)) {
      return null;
    }
    String name = dtmi.substring(prefix.length(), dtmi.length() - suffix.length());
    return classes.has(name) ? name : null;
  }

  /** The supplemental type definition a {@code @type} value names, or null. */
  @Nullable JsonNode supplementalType(String type, List<String> activeContexts) {
    String dtmi = type.startsWith("dtmi:") ? type : expand(type, activeContexts);
    return dtmi == null ? null : supplemental.get(dtmi);
  }

  JsonNode supplementalTypeById(String dtmi) {
    return supplemental.path(dtmi);
  }

  boolean isAbstract(String cls) {
    return classes.path(cls).path("abstract").asBoolean(false);
  }

  /** Concrete classes acceptable where {@code cls} is expected, in this version. */
  Set<String> concreteSubclasses(String cls, int version) {
    Set<String> out = new HashSet<>();
    classes.path(cls).path("concreteSubclasses").path(String.valueOf(version)).forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Classes whose instances are predefined only (e.g. Boolean): they may not be defined inline. */
  Set<String> elementalSubclasses(String cls, int version) {
    Set<String> out = new HashSet<>();
    classes.path(cls).path("elementalSubclasses").path(String.valueOf(version)).forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Names of the predefined instances of a class (e.g. the primitive schemas {@code double}, {@code string}). */
  Set<String> instanceNames(String cls, int version) {
    Set<String> out = new HashSet<>();
    classes.path(cls).path("elements").path(String.valueOf(version)).forEach(n -> out.add(n.path("name").asText()));
    return out;
  }

  /** Unit terms of a unit family ({@code AreaUnit}) as a context defines them. */
  List<String> units(String context, String typeName) {
    List<String> out = new ArrayList<>();
    digest.path("units").path(context).path(typeName).forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Members of an extension's enumeration family (e.g. quantitativeTypes' TemperatureUnit). */
  List<String> family(String familyId) {
    List<String> out = new ArrayList<>();
    digest.path("families").path(familyId).forEach(n -> out.add(n.asText()));
    return out;
  }

  /**
   * The enumeration families a term names in any extension context (e.g. {@code TemperatureUnit}); empty when the
   * term names none. Used where the term's own context is not at hand: every context agrees on a family's members.
   */
  List<List<String>> familiesNamed(String term) {
    List<List<String>> out = new ArrayList<>();
    contexts.properties().forEach(c -> {
      JsonNode mapped = c.getValue().get(term);
      if (mapped != null && digest.path("families").has(mapped.asText())) {
        out.add(family(mapped.asText()));
      }
    });
    return out;
  }

  /** The class whose predefined instance has this name (e.g. {@code double} to Double), or null. */
  @Nullable String classOfInstance(String name, int version) {
    for (var e : classes.properties()) {
      for (JsonNode element : e.getValue().path("elements").path(String.valueOf(version))) {
        if (element.path("name").asText().equals(name) || element.path("id").asText().equals(name)) {
          if (e.getValue().path("concreteSubclasses").path(String.valueOf(version)).size() == 1) {
            return e.getKey();
          }
        }
      }
    }
    return null;
  }

  /** The name of the predefined instance with this DTMI (any class, any version), or null. */
  @Nullable String instanceNameOfId(String dtmi) {
    for (JsonNode cls : classes) {
      for (JsonNode byVersion : cls.path("elements")) {
        for (JsonNode element : byVersion) {
          if (element.path("id").asText().equals(dtmi)) {
            return element.path("name").asText();
          }
        }
      }
    }
    return null;
  }

  /** True when the DTMI names a predefined instance of {@code cls} usable in this version. */
  boolean isInstanceId(String cls, int version, String dtmi) {
    for (JsonNode element : classes.path(cls).path("elements").path(String.valueOf(version))) {
      if (element.path("id").asText().equals(dtmi)) {
        return true;
      }
    }
    return false;
  }

  /** The property definition of a class for a JSON key (term or property DTMI), merged view; null if none. */
  @Nullable PropertyDef property(String cls, int version, String key) {
    JsonNode props = classes.path(cls).path("properties");
    String name = key;
    String prefix = "dtmi:dtdl:property:";
    if (key.startsWith(prefix)) {
      int semi = key.indexOf(';');
      if (semi < 0 || !key.substring(semi + 1).equals(String.valueOf(version))) {
        return null;
      }
      name = key.substring(prefix.length(), semi);
    }
    JsonNode p = props.get(name);
    if (p == null || !p.path(String.valueOf(version)).path("allowed").asBoolean(false)) {
      return null;
    }
    return new PropertyDef(name, p.path("_"), p.path(String.valueOf(version)));
  }

  /** All allowed property definitions of a class in this version. */
  List<PropertyDef> properties(String cls, int version) {
    List<PropertyDef> out = new ArrayList<>();
    classes.path(cls).path("properties").properties().forEach(e -> {
      JsonNode v = e.getValue().path(String.valueOf(version));
      if (v.path("allowed").asBoolean(false)) {
        out.add(new PropertyDef(e.getKey(), e.getValue().path("_"), v));
      }
    });
    return out;
  }

  /** The apocrypha rule ("valid", "tenable" or "invalid") for an odd @type or property in this version. */
  String apocrypha(int version, String rule) {
    return digest.path("apocrypha").path(String.valueOf(version)).path(rule).asText("invalid");
  }

  Set<String> rootableClasses(int version) {
    Set<String> out = new HashSet<>();
    digest.path("rootableClasses").path(String.valueOf(version)).forEach(n -> out.add(n.asText()));
    return out;
  }

  List<String> reservedPrefixes(String context) {
    List<String> out = new ArrayList<>();
    digest.path("reservedIdPrefixes").path(context).forEach(n -> out.add(n.asText()));
    return out;
  }

  @Nullable String identifierPattern(int version) {
    JsonNode p = digest.path("identifierDefinition").path(String.valueOf(version)).get("pattern");
    return p == null ? null : p.asText();
  }

  boolean allowsUndefinedExtensionsByDefault(int version) {
    for (JsonNode v : digest.path("dtdlVersionsAllowingUndefinedExtensionsByDefault")) {
      if (v.asInt() == version) {
        return true;
      }
    }
    return false;
  }
}
