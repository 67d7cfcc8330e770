package io.doppel.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Layering, overriding, mqtt co-type structure, local terms and v4 limits, each on a small hand-written model. */
class ModelParserExtensionRulesTest {
  private static final ParseOptions ALLOW = new ParseOptions(Set.of(ParseOptions.Option.AllowUndefinedExtensions), 4);

  private static ParseResult parse(ParseOptions options, String... docs) {
    return new ModelParser(options).parse(List.of(docs), ModelResolver.none());
  }

  private static List<String> codes(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Invalid.class);
    return ((ParseResult.Invalid) result).errors().stream().map(ParsingError::code).distinct().sorted().toList();
  }

  private static String base(String contents) {
    return """
        {"@context": ["dtmi:dtdl:context;3", "dtmi:dtdl:extension:quantitativeTypes;1"],
         "@id": "dtmi:x:A;1", "@type": "Interface", "contents": [%s]}""".formatted(contents);
  }

  private static String layer(String contents) {
    return """
        {"@context": ["dtmi:dtdl:context;3", "dtmi:dtdl:extension:quantitativeTypes;1",
                      "dtmi:dtdl:extension:layering;1"],
         "@id": "dtmi:x:A;1#foo", "@type": ["Interface", "Layer"], "contents": [%s]}""".formatted(contents);
  }

  @Test
  void layersUniteLanguageMapsAndOnlyConflictingTextsAreInconsistent() {
    String baseDoc = base("""
        {"@type": "Telemetry", "name": "t", "schema": "double", "description": {"en": "speed", "de": "Tempo"}}""");
    String sameEnglish = layer("""
        {"@type": "Telemetry", "name": "t", "schema": "double", "description": {"en": "speed", "fr": "vitesse"}}""");
    String otherEnglish = layer("""
        {"@type": "Telemetry", "name": "t", "schema": "double", "description": {"en": "velocity"}}""");
    assertThat(codes(parse(ALLOW, baseDoc, sameEnglish))).containsExactly("invalidId");
    assertThat(codes(parse(ALLOW, baseDoc, otherEnglish))).containsExactly("inconsistentLangStringValues", "invalidId");
  }

  @Test
  void eachLayerNeedsTheUnitOfTheSemanticTypeItGives() {
    String baseDoc = base("""
        {"@type": ["Telemetry", "Velocity"], "name": "t", "schema": "double", "unit": "metrePerSecond"}""");
    String withoutUnit = layer("""
        {"@type": ["Telemetry", "Velocity"], "name": "t", "schema": "double"}""");
    String unitWithoutType = layer("""
        {"@type": "Telemetry", "name": "t", "schema": "double", "unit": "metrePerSecond"}""");
    assertThat(codes(parse(ALLOW, baseDoc, withoutUnit))).containsExactly("invalidId", "missingObjectProperty");
    assertThat(codes(parse(ALLOW, baseDoc, unitWithoutType))).containsExactly("invalidId", "noTypeThatAllows");
  }

  @Test
  void aLayerElementNeedsItsOwnTypeAndTheLayeringContextToCount() {
    String baseDoc = base("""
        {"@type": "Telemetry", "name": "t", "schema": "double"}""");
    String untyped = layer("""
        {"name": "t", "comment": "no @type"}""");
    String withoutLayeringContext = """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:x:A;1#foo", "@type": ["Interface", "Layer"],
         "contents": [{"@type": "Telemetry", "name": "t", "schema": "integer"}]}""";
    assertThat(codes(parse(ALLOW, baseDoc, untyped))).containsExactly("badType", "invalidId");
    // Without the layering context the fragment id is refused and the element is not read at all.
    assertThat(codes(parse(ALLOW, baseDoc, withoutLayeringContext))).containsExactly("invalidId");
  }

  @Test
  void anOverridesSchemaMustBeTheFamilyOfTheOverriddenUnit() {
    String template = """
        {"@context": ["dtmi:dtdl:context;3", "dtmi:dtdl:extension:quantitativeTypes;1",
                      "dtmi:dtdl:extension:annotation;2", "dtmi:dtdl:extension:overriding;2"],
         "@id": "dtmi:x:Sensor;1", "@type": "Interface", "contents": [
          {"@type": ["Property", "Temperature"], "name": "target", "schema": "double", "unit": "degreeCelsius"},
          {"@type": ["Property", "ValueAnnotation", "Override"], "name": "targetUnit", "annotates": "target",
           "overrides": "unit", "schema": "%s", "writable": true}]}""";
    assertThat(parse(ALLOW, template.formatted("TemperatureUnit"))).isInstanceOf(ParseResult.Valid.class);
    ParseResult wrong = parse(ALLOW, template.formatted("VelocityUnit"));
    assertThat(codes(wrong)).containsExactly("siblingPropertyMismatch");
    ParsingError error = ((ParseResult.Invalid) wrong).errors().get(0);
    assertThat(error.property()).isEqualTo("schema");
    assertThat(error.value()).isEqualTo("VelocityUnit");
  }

  @Test
  void aRelationshipMayTargetAnInterfaceNoDocumentDefines() {
    // DTDLParser does not resolve Relationship targets (its conformance suite has such models as valid).
    String doc = """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:x:A;1", "@type": "Interface",
         "contents": [{"@type": "Relationship", "name": "floor", "target": "dtmi:x:Nowhere;1"}]}""";
    ParseResult result = parse(ParseOptions.defaults(), doc);
    assertThat(result).isInstanceOf(ParseResult.Valid.class);
    var relationship = (Content.Relationship) ((ParseResult.Valid) result).models().get(0).contents().get("floor");
    assertThat(relationship.target()).isEqualTo(new Dtmi("dtmi:x:Nowhere;1"));
  }

  @Test
  void aLocalTermMayNotRedefineATermOfADtdlContext() {
    String doc = """
        {"@context": ["dtmi:dtdl:context;3", {"metre": "dtmi:x:myMetre;1"}],
         "@id": "dtmi:x:A;1", "@type": "Interface"}""";
    assertThat(codes(parse(ParseOptions.defaults(), doc)))
        .containsExactly("disallowedLocalContext", "localTermReserved");
  }

  private static String mqtt(String schemas) {
    return """
        {"@context": ["dtmi:dtdl:context;4", "dtmi:dtdl:extension:mqtt;4"], "@id": "dtmi:x:A;1",
         "@type": "Interface", "schemas": [%s]}""".formatted(schemas);
  }

  @Test
  void mqttResultFieldsFollowTheirCotypeStructure() {
    String normal = """
        {"@type": ["Field", "NormalResult"], "name": "%s", "schema": {"@type": "Object", "fields": []}}""";
    String good = mqtt("""
        {"@id": "dtmi:x:R;1", "@type": ["Object", "Result"], "fields": [%s]}""".formatted(normal.formatted("ok")));
    String twice = mqtt("""
        {"@id": "dtmi:x:R;1", "@type": ["Object", "Result"], "fields": [%s, %s]}"""
        .formatted(normal.formatted("ok"), normal.formatted("again")));
    String plainField = mqtt("""
        {"@id": "dtmi:x:R;1", "@type": ["Object", "Result"], "fields": [{"name": "x", "schema": "double"}]}""");
    String notAResult = mqtt("""
        {"@id": "dtmi:x:R;1", "@type": "Object", "fields": [%s]}""".formatted(normal.formatted("ok")));
    assertThat(parse(ParseOptions.defaults(), good)).isInstanceOf(ParseResult.Valid.class);
    assertThat(codes(parse(ParseOptions.defaults(), twice))).containsExactly("siblingDuplicatesCotype");
    assertThat(codes(parse(ParseOptions.defaults(), plainField))).containsExactly("notRequiredType");
    assertThat(codes(parse(ParseOptions.defaults(), notAResult))).containsExactly("parentMissingCotype");
  }

  @Test
  void mqttRejectsDisallowedCocotypesAndRepeatedIndexes() {
    String required = mqtt("""
        {"@id": "dtmi:x:R;1", "@type": ["Object", "Result"], "fields": [{"@type": ["Field", "NormalResult",
          "Required"], "name": "ok", "schema": {"@type": "Object", "fields": []}}]}""")
        .replace("\"dtmi:dtdl:extension:mqtt;4\"", "\"dtmi:dtdl:extension:mqtt;4\", \"dtmi:dtdl:extension:requirement;1\"");
    String indexes = """
        {"@context": ["dtmi:dtdl:context;3", "dtmi:dtdl:extension:mqtt;3"], "@id": "dtmi:x:A;1",
         "@type": "Interface", "contents": [
          {"@type": ["Telemetry", "Indexed"], "name": "a", "schema": "double", "index": 1},
          {"@type": ["Telemetry", "Indexed"], "name": "b", "schema": "double", "index": 1}]}""";
    assertThat(codes(parse(ParseOptions.defaults(), required))).containsExactly("disallowedCocotype");
    assertThat(codes(parse(ParseOptions.defaults(), indexes))).containsExactly("nonUniquePropertyValue");
  }

  private static String nested(String context, int depth) {
    String schema = "\"double\"";
    for (int i = 0; i < depth; i++) {
      schema = "{\"@type\": \"Array\", \"elementSchema\": " + schema + "}";
    }
    return "{\"@context\": " + context + ", \"@id\": \"dtmi:x:A;1\", \"@type\": \"Interface\", \"contents\": "
        + "[{\"@type\": \"Telemetry\", \"name\": \"t\", \"schema\": " + schema + "}]}";
  }

  @Test
  void v4LimitsDependOnTheLimitsProfile() {
    String core = "\"dtmi:dtdl:context;4\"";
    String aio = "[\"dtmi:dtdl:context;4#limitless\", \"dtmi:dtdl:limits:aio;1\"]";
    assertThat(parse(ParseOptions.defaults(), nested(core, 8))).isInstanceOf(ParseResult.Valid.class);
    assertThat(codes(parse(ParseOptions.defaults(), nested(core, 9)))).containsExactly("excessiveDepthWide");
    assertThat(parse(ParseOptions.defaults(), nested(aio, 12))).isInstanceOf(ParseResult.Valid.class);
    assertThat(codes(parse(ParseOptions.defaults(), nested(aio, 13)))).containsExactly("excessiveDepthWide");
  }

  @Test
  void limitsContextsMustFollowLimitlessDirectly() {
    String limitlessAlone = "[\"dtmi:dtdl:context;4#limitless\"]";
    String misplaced = "[\"dtmi:dtdl:context;4\", \"dtmi:dtdl:limits:onvif;1\"]";
    String unknownFragment = "[\"dtmi:dtdl:context;4#foobar\"]";
    assertThat(codes(parse(ParseOptions.defaults(), nested(limitlessAlone, 1)))).containsExactly("missingLimitContext");
    assertThat(codes(parse(ParseOptions.defaults(), nested(misplaced, 1)))).containsExactly("misplacedLimitContext");
    assertThat(codes(parse(ParseOptions.defaults(), nested(unknownFragment, 1))))
        .containsExactly("invalidContextFragment");
  }
}
