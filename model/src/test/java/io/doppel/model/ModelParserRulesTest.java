package io.doppel.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Cross-element rules, limits, options and extensions, each on a small hand-written model. */
class ModelParserRulesTest {

  private static ParseResult parse(ParseOptions options, String... docs) {
    return new ModelParser(options).parse(List.of(docs), ModelResolver.none());
  }

  private static ParseResult parse(String... docs) {
    return parse(ParseOptions.defaults(), docs);
  }

  private static List<String> codes(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Invalid.class);
    return ((ParseResult.Invalid) result).errors().stream().map(ParsingError::code).toList();
  }

  private static String iface(int version, String id, String body) {
    return "{\"@context\": \"dtmi:dtdl:context;" + version + "\", \"@id\": \"" + id + "\", \"@type\": \"Interface\""
        + (body.isEmpty() ? "" : ", " + body) + "}";
  }

  @Test
  void rejectsTheSameNameInheritedFromTwoBases() {
    String a = iface(3, "dtmi:x:A;1", "\"contents\": [{\"@type\": \"Property\", \"name\": \"p\", \"schema\": \"string\"}]");
    String b = iface(3, "dtmi:x:B;1", "\"contents\": [{\"@type\": \"Property\", \"name\": \"p\", \"schema\": \"double\"}]");
    String c = iface(3, "dtmi:x:C;1", "\"extends\": [\"dtmi:x:A;1\", \"dtmi:x:B;1\"]");
    assertThat(codes(parse(a, b, c))).containsExactly("nonUniqueImportedPropertyValue");
  }

  @Test
  void rejectsExtendsChainsDeeperThanTen() {
    List<String> docs = new ArrayList<>();
    for (int i = 0; i <= 11; i++) {
      docs.add(iface(3, "dtmi:x:I" + i + ";1", i == 0 ? "" : "\"extends\": \"dtmi:x:I" + (i - 1) + ";1\""));
    }
    assertThat(codes(new ModelParser(ParseOptions.defaults()).parse(docs, ModelResolver.none())))
        .contains("excessiveDepthNarrow");
  }

  @Test
  void rejectsSchemasNestedDeeperThanFive() {
    String schema = "\"double\"";
    for (int i = 0; i < 6; i++) {
      schema = "{\"@type\": \"Array\", \"elementSchema\": " + schema + "}";
    }
    String doc = iface(3, "dtmi:x:A;1", "\"contents\": [{\"@type\": \"Telemetry\", \"name\": \"t\", \"schema\": " + schema + "}]");
    assertThat(codes(parse(doc))).contains("excessiveDepthWide");
  }

  @Test
  void rejectsSchemasThatContainThemselves() {
    String doc = iface(3, "dtmi:x:A;1", """
        "schemas": [{"@id": "dtmi:x:Node;1", "@type": "Object",
                     "fields": [{"name": "next", "schema": "dtmi:x:Node;1"}]}],
        "contents": [{"@type": "Telemetry", "name": "t", "schema": "dtmi:x:Node;1"}]""");
    assertThat(codes(parse(doc))).contains("recursiveStructureWide");
  }

  @Test
  void rejectsArraysInsideV2PropertiesButNotTelemetry() {
    String schema = "{\"@type\": \"Object\", \"fields\": [{\"name\": \"xs\", \"schema\": {\"@type\": \"Array\", \"elementSchema\": \"double\"}}]}";
    String property = iface(2, "dtmi:x:A;1", "\"contents\": [{\"@type\": \"Property\", \"name\": \"p\", \"schema\": " + schema + "}]");
    String telemetry = iface(2, "dtmi:x:B;1", "\"contents\": [{\"@type\": \"Telemetry\", \"name\": \"p\", \"schema\": " + schema + "}]");
    assertThat(codes(parse(property))).containsExactly("excludedType");
    assertThat(parse(telemetry)).isInstanceOf(ParseResult.Valid.class);
  }

  @Test
  void rejectsMaxMultiplicityBelowOne() {
    String doc = iface(3, "dtmi:x:A;1", "\"contents\": [{\"@type\": \"Relationship\", \"name\": \"r\", \"maxMultiplicity\": 0}]");
    ParseResult result = parse(doc);
    assertThat(codes(result)).containsExactly("valueBelowMin");
    ParsingError error = ((ParseResult.Invalid) result).errors().get(0);
    assertThat(error.primaryId()).isEqualTo("dtmi:x:A:_contents:__r;1");
    assertThat(error.property()).isEqualTo("maxMultiplicity");
    assertThat(error.value()).isEqualTo("0");
  }

  @Test
  void undefinedExtensionsDependOnTheOptions() {
    String doc = "{\"@context\": [\"dtmi:dtdl:context;3\", \"dtmi:acme:ext;1\"], \"@id\": \"dtmi:x:A;1\", "
        + "\"@type\": [\"Interface\", \"dtmi:acme:Special;1\"]}";
    ParseOptions allow = new ParseOptions(Set.of(ParseOptions.Option.AllowUndefinedExtensions), 4);
    ParseOptions disallow = new ParseOptions(Set.of(ParseOptions.Option.DisallowUndefinedExtensions), 4);
    assertThat(parse(allow, doc)).isInstanceOf(ParseResult.Valid.class);
    assertThat(codes(parse(disallow, doc))).contains("unresolvableContextSpecifier");
  }

  @Test
  void toleratesReservedIdsInV2OnlyWithTheParseQuirk() {
    String doc = iface(2, "dtmi:dtdl:mine;1", "");
    ParseOptions quirk = new ParseOptions(Set.of(ParseOptions.Option.TolerateSolecismsInParse), 4);
    assertThat(codes(parse(doc))).containsExactly("reservedId");
    assertThat(parse(quirk, doc)).isInstanceOf(ParseResult.Valid.class);
  }

  @Test
  void rejectsReferencesIntoAnotherInterfacesDefinitions() {
    String doc = iface(2, "dtmi:x:Parent;1", """
        "schemas": [{"@id": "dtmi:x:Values;1", "@type": "Array", "elementSchema": "double"}],
        "contents": [{"@type": "Component", "name": "child", "schema": {"@id": "dtmi:x:Child;1", "@type": "Interface",
          "contents": [{"@type": "Telemetry", "name": "t", "schema": "dtmi:x:Values;1"}]}}]""");
    assertThat(codes(parse(doc))).containsExactly("crossPartitionReference");
  }

  @Test
  void checksUnitsAgainstTheirSemanticType() {
    String context = "[\"dtmi:dtdl:context;3\", \"dtmi:dtdl:extension:quantitativeTypes;1\"]";
    String good = "{\"@context\": " + context + ", \"@id\": \"dtmi:x:A;1\", \"@type\": \"Interface\", \"contents\": "
        + "[{\"@type\": [\"Telemetry\", \"Temperature\"], \"name\": \"t\", \"schema\": \"double\", \"unit\": \"kelvin\"}]}";
    String bad = good.replace("kelvin", "metre");
    assertThat(parse(good)).isInstanceOf(ParseResult.Valid.class);
    assertThat(codes(parse(bad))).containsExactlyInAnyOrder("badType", "wrongParent");
  }

  @Test
  void refusesDocumentsAboveTheMaximumVersion() {
    ParseOptions v2Only = new ParseOptions(Set.of(), 2);
    assertThat(parse(v2Only, iface(3, "dtmi:x:A;1", ""))).isInstanceOf(ParseResult.Invalid.class);
    assertThat(parse(v2Only, iface(2, "dtmi:x:A;1", ""))).isInstanceOf(ParseResult.Valid.class);
  }

  @Test
  void asksTheResolverOnlyForIdsTheBatchLacks() {
    List<Dtmi> asked = new ArrayList<>();
    String base = iface(3, "dtmi:x:Base;1", "");
    String child = iface(3, "dtmi:x:Child;1", "\"extends\": \"dtmi:x:Base;1\", \"contents\": "
        + "[{\"@type\": \"Relationship\", \"name\": \"r\", \"target\": \"dtmi:x:Child;1\"}]");
    ParseResult result = new ModelParser(ParseOptions.defaults()).parse(List.of(child), id -> {
      asked.add(id);
      return id.value().equals("dtmi:x:Base;1") ? Optional.of(base) : Optional.empty();
    });
    assertThat(result).isInstanceOf(ParseResult.Valid.class);
    assertThat(asked).containsExactly(new Dtmi("dtmi:x:Base;1"));
    InterfaceModel model = ((ParseResult.Valid) result).models().get(0);
    assertThat(model.ancestors()).containsExactly(new Dtmi("dtmi:x:Base;1"));
  }

  @Test
  void acceptsJsonLdSpellingsOfTermsAndValues() {
    String doc = """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:x:A;1", "@type": "dtmi:dtdl:class:Interface;3",
         "contents": [{"@type": "Property", "dtmi:dtdl:property:name;3": "p", "schema": "double",
                       "writable": {"@value": true}, "displayName": [{"@value": "P", "@language": "en"}]}]}""";
    ParseResult result = parse(doc);
    assertThat(result).isInstanceOf(ParseResult.Valid.class);
    Content.Property p = (Content.Property) ((ParseResult.Valid) result).models().get(0).contents().get("p");
    assertThat(p.writable()).isTrue();
    assertThat(p.element().displayName()).containsEntry("en", "P");
  }
}
