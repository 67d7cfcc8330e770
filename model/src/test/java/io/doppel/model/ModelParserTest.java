package io.doppel.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelParserTest {
  private static final String THERMOSTAT = """
      {
        "@context": ["dtmi:dtdl:context;3", "dtmi:dtdl:extension:quantitativeTypes;1"],
        "@id": "dtmi:example:Thermostat;1",
        "@type": "Interface",
        "displayName": {"en": "Thermostat", "de": "Thermostat"},
        "extends": "dtmi:example:Device;1",
        "schemas": [{"@id": "dtmi:example:Mode;1", "@type": "Enum", "valueSchema": "string",
                     "enumValues": [{"name": "heat", "enumValue": "heat"}, {"name": "cool", "enumValue": "cool"}]}],
        "contents": [
          {"@type": ["Telemetry", "Temperature"], "name": "temperature", "schema": "double", "unit": "degreeCelsius"},
          {"@type": "Property", "name": "target", "schema": "double", "writable": true},
          {"@type": "Property", "name": "mode", "schema": "dtmi:example:Mode;1"},
          {"@type": "Property", "name": "history", "schema": {"@type": "Array", "elementSchema": "dateTime"}},
          {"@type": "Property", "name": "tags", "schema": {"@type": "Map",
             "mapKey": {"name": "tag", "schema": "string"}, "mapValue": {"name": "value", "schema": "string"}}},
          {"@type": "Command", "name": "reboot",
           "request": {"name": "delay", "schema": "duration"},
           "response": {"name": "status", "schema": {"@type": "Object",
              "fields": [{"name": "ok", "schema": "boolean"}, {"name": "at", "schema": "time"}]}}},
          {"@type": "Relationship", "name": "room", "target": "dtmi:example:Room;1", "maxMultiplicity": 1,
           "properties": [{"@type": "Property", "name": "since", "schema": "date"}]},
          {"@type": "Component", "name": "sensor", "schema": "dtmi:example:Device;1"}
        ]
      }""";
  private static final String DEVICE = """
      {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:example:Device;1", "@type": "Interface",
       "contents": [{"@type": "Property", "name": "serial", "schema": "string"}]}""";

  private static ParseResult parse(String... docs) {
    return ModelParser.withDefaults().parse(List.of(docs), ModelResolver.none());
  }

  private static List<String> codes(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Invalid.class);
    return ((ParseResult.Invalid) result).errors().stream().map(ParsingError::code).toList();
  }

  @Test
  void parsesAnInterfaceWithEveryKindOfContentAndSchema() {
    ParseResult result = parse(THERMOSTAT, DEVICE);
    assertThat(result).isInstanceOf(ParseResult.Valid.class);
    List<InterfaceModel> models = ((ParseResult.Valid) result).models();
    InterfaceModel thermostat = models.stream().filter(m -> m.id().value().equals("dtmi:example:Thermostat;1"))
        .findFirst().orElseThrow();
    assertThat(thermostat.dtdlVersion()).isEqualTo(3);
    assertThat(thermostat.bases()).containsExactly(new Dtmi("dtmi:example:Device;1"));
    assertThat(thermostat.contents().keySet()).containsExactly("serial", "temperature", "target", "mode",
        "history", "tags", "reboot", "room", "sensor");
    assertThat(thermostat.element().displayName()).containsEntry("de", "Thermostat");
    Content.Telemetry temperature = (Content.Telemetry) thermostat.contents().get("temperature");
    assertThat(temperature.schema()).isEqualTo(new Schema.Primitive(PrimitiveType.DOUBLE));
    assertThat(temperature.element().supplementalTypes()).contains("Temperature");
    assertThat(temperature.element().supplementalProperties()).containsEntry("unit", "degreeCelsius");
    assertThat(((Content.Property) thermostat.contents().get("target")).writable()).isTrue();
    Schema.EnumSchema mode = (Schema.EnumSchema) ((Content.Property) thermostat.contents().get("mode")).schema();
    assertThat(mode.values()).extracting(Schema.EnumValue::value).containsExactly("heat", "cool");
    Schema.MapSchema tags = (Schema.MapSchema) ((Content.Property) thermostat.contents().get("tags")).schema();
    assertThat(tags.keyName()).isEqualTo("tag");
    Content.Command reboot = (Content.Command) thermostat.contents().get("reboot");
    assertThat(reboot.request().schema()).isEqualTo(new Schema.Primitive(PrimitiveType.DURATION));
    assertThat(((Schema.ObjectSchema) reboot.response().schema()).fields()).extracting(Schema.Field::name)
        .containsExactly("ok", "at");
    Content.Relationship room = (Content.Relationship) thermostat.contents().get("room");
    assertThat(room.target()).isEqualTo(new Dtmi("dtmi:example:Room;1"));
    assertThat(room.maxMultiplicity()).isEqualTo(1);
    assertThat(room.properties()).containsKey("since");
    assertThat(((Content.Component) thermostat.contents().get("sensor")).schema())
        .isEqualTo(new Dtmi("dtmi:example:Device;1"));
    assertThat(thermostat.contents().get("serial").definedIn()).isEqualTo(new Dtmi("dtmi:example:Device;1"));
    assertThat(thermostat.source()).contains("dtmi:example:Thermostat;1");
  }

  @Test
  void resolvesMissingBasesThroughTheResolver() {
    ParseResult result = ModelParser.withDefaults().parse(List.of(THERMOSTAT),
        id -> id.value().equals("dtmi:example:Device;1") ? Optional.of(DEVICE) : Optional.empty());
    assertThat(result).isInstanceOf(ParseResult.Valid.class);
    assertThat(((ParseResult.Valid) result).models()).extracting(m -> m.id().value())
        .containsExactly("dtmi:example:Thermostat;1");
  }

  @Test
  void reportsReferencesNobodyCanResolve() {
    ParseResult result = parse(THERMOSTAT);
    assertThat(codes(result)).contains("unresolvableReference");
    ParsingError error = ((ParseResult.Invalid) result).errors().get(0);
    assertThat(error.value()).isEqualTo("dtmi:example:Device;1");
    assertThat(error.validationId()).startsWith("dtmi:dtdl:parsingError:");
  }

  @Test
  void rejectsDocumentWithoutContext() {
    assertThat(codes(parse("{\"@id\": \"dtmi:a:b;1\", \"@type\": \"Interface\"}"))).containsExactly("missingContext");
  }

  @Test
  void rejectsUnknownDtdlVersion() {
    assertThat(codes(parse("{\"@context\": \"dtmi:dtdl:context;9\", \"@id\": \"dtmi:a:b;1\", \"@type\": \"Interface\"}")))
        .contains("invalidContextSpecifierForVersion");
  }

  @Test
  void rejectsDuplicateContentNames() {
    String doc = """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:a:b;1", "@type": "Interface",
         "contents": [{"@type": "Property", "name": "x", "schema": "string"},
                      {"@type": "Telemetry", "name": "x", "schema": "double"}]}""";
    ParseResult result = parse(doc);
    assertThat(codes(result)).contains("nonUniquePropertyValue");
    assertThat(((ParseResult.Invalid) result).errors().get(0).property()).isEqualTo("contents");
  }

  @Test
  void rejectsNameThatBreaksThePattern() {
    String doc = """
        {"@context": "dtmi:dtdl:context;2", "@id": "dtmi:a:b;1", "@type": "Interface",
         "contents": [{"@type": "Property", "name": "1bad", "schema": "string"}]}""";
    ParseResult result = parse(doc);
    assertThat(codes(result)).containsExactly("stringInvalid");
    ParsingError error = ((ParseResult.Invalid) result).errors().get(0);
    assertThat(error.primaryId()).isEqualTo("dtmi:a:b:_contents:_0;1");
    assertThat(error.property()).isEqualTo("name");
  }

  @Test
  void rejectsExtendsCycles() {
    String a = "{\"@context\": \"dtmi:dtdl:context;3\", \"@id\": \"dtmi:a:A;1\", \"@type\": \"Interface\", \"extends\": \"dtmi:a:B;1\"}";
    String b = "{\"@context\": \"dtmi:dtdl:context;3\", \"@id\": \"dtmi:a:B;1\", \"@type\": \"Interface\", \"extends\": \"dtmi:a:A;1\"}";
    assertThat(codes(parse(a, b))).contains("recursiveStructureNarrow");
  }

  @Test
  void rejectsMissingSchemaOnProperty() {
    String doc = """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:a:b;1", "@type": "Interface",
         "contents": [{"@type": "Property", "name": "x"}]}""";
    assertThat(codes(parse(doc))).containsExactly("missingObjectProperty");
  }

  @Test
  void rejectsV3OnlyPrimitiveInV2() {
    String doc = """
        {"@context": "dtmi:dtdl:context;2", "@id": "dtmi:a:b;1", "@type": "Interface",
         "contents": [{"@type": "Property", "name": "x", "schema": "unsignedByte"}]}""";
    assertThat(codes(parse(doc))).contains("badDtmiOrTerm");
  }

  @Test
  void rejectsSemanticTypeWithoutQuantitativeTypesContextInV3() {
    String doc = """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:a:b;1", "@type": "Interface",
         "contents": [{"@type": ["Telemetry", "Temperature"], "name": "t", "schema": "double", "unit": "degreeCelsius"}]}""";
    assertThat(codes(parse(doc))).contains("typeUndefinedTerm");
  }

  @Test
  void acceptsBuiltInSemanticTypesInV2() {
    String doc = """
        {"@context": "dtmi:dtdl:context;2", "@id": "dtmi:a:b;1", "@type": "Interface",
         "contents": [{"@type": ["Telemetry", "Temperature"], "name": "t", "schema": "double", "unit": "degreeCelsius"}]}""";
    assertThat(parse(doc)).isInstanceOf(ParseResult.Valid.class);
  }

  @Test
  void rejectsEnumValueThatDoesNotMatchValueSchema() {
    String doc = """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:a:b;1", "@type": "Interface",
         "schemas": [{"@id": "dtmi:a:E;1", "@type": "Enum", "valueSchema": "integer",
                      "enumValues": [{"name": "one", "enumValue": "1"}]}]}""";
    assertThat(codes(parse(doc))).contains("nonConformantDatatype");
  }

  @Test
  void rejectsComponentWhoseSchemaHasComponents() {
    String inner = "{\"@context\": \"dtmi:dtdl:context;2\", \"@id\": \"dtmi:a:Inner;1\", \"@type\": \"Interface\"}";
    String middle = """
        {"@context": "dtmi:dtdl:context;2", "@id": "dtmi:a:Middle;1", "@type": "Interface",
         "contents": [{"@type": "Component", "name": "c", "schema": "dtmi:a:Inner;1"}]}""";
    String outer = """
        {"@context": "dtmi:dtdl:context;2", "@id": "dtmi:a:Outer;1", "@type": "Interface",
         "contents": [{"@type": "Component", "name": "m", "schema": "dtmi:a:Middle;1"}]}""";
    assertThat(parse(inner, middle)).isInstanceOf(ParseResult.Valid.class);
    assertThat(codes(parse(inner, middle, outer))).isNotEmpty();
  }

  @Test
  void rejectsTextThatIsNotJson() {
    assertThat(codes(parse("{not json"))).isNotEmpty();
  }

  @Test
  void keepsLanguageMapsOfDescriptions() {
    String doc = """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:a:b;1", "@type": "Interface",
         "description": "plain", "comment": "why"}""";
    InterfaceModel model = ((ParseResult.Valid) parse(doc)).models().get(0);
    assertThat(model.element().description()).isEqualTo(Map.of("en", "plain"));
    assertThat(model.element().comment()).isEqualTo("why");
  }
}
