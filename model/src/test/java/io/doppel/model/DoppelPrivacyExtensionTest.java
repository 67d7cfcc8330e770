package io.doppel.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Doppel privacy context: {@code Personal} and {@code PersonalDrop} on a twin's Properties parse, everywhere
 * else they are errors with stable codes, and the catalog answers which properties of a model are personal.
 */
class DoppelPrivacyExtensionTest {
  private static final String CONTEXT = "[\"dtmi:dtdl:context;3\", \"dtmi:io:doppel:privacy;1\"]";

  private static ParseResult parse(String... docs) {
    return ModelParser.withDefaults().parse(List.of(docs), ModelResolver.none());
  }

  private static String model(String id, String extra, String contents) {
    return """
        {"@context": %s, "@id": "%s", "@type": "Interface"%s, "contents": [%s]}"""
        .formatted(CONTEXT, id, extra, contents);
  }

  /** An Interface carrying co-type {@code PersonalId} (by term or DTMI). */
  private static String personalIdModel(String id, String cotype, String extra, String contents) {
    return """
        {"@context": %s, "@id": "%s", "@type": ["Interface", "%s"]%s, "contents": [%s]}"""
        .formatted(CONTEXT, id, cotype, extra, contents);
  }

  private static List<String> codes(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Invalid.class);
    return ((ParseResult.Invalid) result).errors().stream().map(ParsingError::code).toList();
  }

  @Test
  void theCatalogListsPersonalPropertiesInheritedAndInComponents() {
    ParseResult result = parse(
        model("dtmi:x:Contact;1", "", """
            {"@type": ["Property", "Personal"], "name": "email", "schema": "string"},
            {"@type": "Property", "name": "preferred", "schema": "boolean"}"""),
        model("dtmi:x:Pump;1", "", """
            {"@type": ["Property", "Personal"], "name": "ownerPhone", "schema": "string"},
            {"@type": ["Property", "PersonalDrop"], "name": "ownerName", "schema": "string"},
            {"@type": "Property", "name": "status", "schema": "string"}"""),
        model("dtmi:x:BigPump;1", ", \"extends\": \"dtmi:x:Pump;1\"", """
            {"@type": "Component", "name": "contact", "schema": "dtmi:x:Contact;1"},
            {"@type": ["Property", "dtmi:io:doppel:privacy:PersonalDrop;1"], "name": "badge", "schema": "integer"}"""));
    assertThat(result).isInstanceOf(ParseResult.Valid.class);
    ModelCatalog catalog = ModelCatalog.of(((ParseResult.Valid) result).models());

    PersonalProperties big = catalog.personalProperties(Dtmi.parse("dtmi:x:BigPump;1"));
    assertThat(big.all()).extracting(PersonalProperty::path, PersonalProperty::treatment).containsExactly(
        org.assertj.core.groups.Tuple.tuple("ownerPhone", PersonalTreatment.PSEUDONYMISE),
        org.assertj.core.groups.Tuple.tuple("ownerName", PersonalTreatment.DROP),
        org.assertj.core.groups.Tuple.tuple("contact.email", PersonalTreatment.PSEUDONYMISE),
        org.assertj.core.groups.Tuple.tuple("badge", PersonalTreatment.DROP));
    assertThat(big.all().getFirst().definedIn()).isEqualTo(Dtmi.parse("dtmi:x:Pump;1"));
    assertThat(big.property("ownerName")).isEqualTo(PersonalTreatment.DROP);
    assertThat(big.property("status")).isNull();
    assertThat(big.component("contact")).containsOnlyKeys("email");
    assertThat(catalog.personalProperties(Dtmi.parse("dtmi:x:Pump;1")).all()).hasSize(2);
    assertThat(catalog.personalProperties(Dtmi.parse("dtmi:x:Nothing;1")).isEmpty()).isTrue();
    assertThat(catalog.personalPaths()).containsExactlyInAnyOrder("ownerPhone", "ownerName", "contact.email",
        "email", "badge");
  }

  @Test
  void onTelemetryARelationshipACommandOrAComponentItIsAnInvalidCotype() {
    assertThat(codes(parse(model("dtmi:x:A;1", "", """
        {"@type": ["Telemetry", "Personal"], "name": "heartRate", "schema": "double"}"""))))
        .contains("invalidCotype");
    assertThat(codes(parse(model("dtmi:x:A;1", "", """
        {"@type": ["Relationship", "PersonalDrop"], "name": "owner"}"""))))
        .contains("invalidCotype");
    assertThat(codes(parse(model("dtmi:x:A;1", "", """
        {"@type": ["Command", "Personal"], "name": "callOwner"}"""))))
        .contains("invalidCotype");
    assertThat(codes(parse(
        model("dtmi:x:Contact;1", "", ""),
        model("dtmi:x:A;1", "", """
            {"@type": ["Component", "Personal"], "name": "contact", "schema": "dtmi:x:Contact;1"}"""))))
        .contains("invalidCotype");
  }

  @Test
  void aRelationshipsPropertiesMayBePersonalAndAreListedPerRelationship() {
    ParseResult result = parse(
        model("dtmi:x:Base;1", "", """
            {"@type": "Relationship", "name": "ownedBy", "properties": [
              {"@type": ["Property", "Personal"], "name": "contactPhone", "schema": "string"},
              {"@type": ["Property", "PersonalDrop"], "name": "contactName", "schema": "string"},
              {"@type": "Property", "name": "since", "schema": "date"}]}"""),
        model("dtmi:x:Pump;1", ", \"extends\": \"dtmi:x:Base;1\"", """
            {"@type": "Relationship", "name": "feeds", "properties": [
              {"@type": "Property", "name": "rate", "schema": "double"}]}"""));
    assertThat(result).isInstanceOf(ParseResult.Valid.class);
    ModelCatalog catalog = ModelCatalog.of(((ParseResult.Valid) result).models());

    PersonalProperties pump = catalog.personalProperties(Dtmi.parse("dtmi:x:Pump;1"));
    assertThat(pump.all()).isEmpty(); // the twin's own document holds nothing personal
    assertThat(pump.isEmpty()).isFalse();
    assertThat(pump.relationship("ownedBy")).containsOnly(
        org.assertj.core.api.Assertions.entry("contactPhone", PersonalTreatment.PSEUDONYMISE),
        org.assertj.core.api.Assertions.entry("contactName", PersonalTreatment.DROP));
    assertThat(pump.relationship("feeds")).isEmpty();
    assertThat(pump.relationshipProperties()).extracting(PersonalRelationshipProperty::name)
        .containsExactly("contactName", "contactPhone");
    assertThat(pump.relationshipProperties().getFirst().definedIn()).isEqualTo(Dtmi.parse("dtmi:x:Base;1"));
    assertThat(catalog.personalPaths()).isEmpty();
    assertThat(catalog.holdsPersonalData()).isTrue();
  }

  @Test
  void onARelationshipsPropertyTheRulesOfTwinPropertiesHold() {
    assertThat(codes(parse(model("dtmi:x:A;1", "", """
        {"@type": "Relationship", "name": "owner",
         "properties": [{"@type": ["Property", "Personal", "PersonalDrop"], "name": "since", "schema": "date"}]}"""))))
        .contains("disallowedCocotype");
    assertThat(codes(parse(model("dtmi:x:A;1", "", """
        {"@type": "Relationship", "name": "owner",
         "properties": [{"@type": ["Property", "PersonalHide"], "name": "since", "schema": "date"}]}"""))))
        .containsExactly("typeUndefinedTerm");
  }

  @Test
  void bothTreatmentsAtOnceAreRefused() {
    assertThat(codes(parse(model("dtmi:x:A;1", "", """
        {"@type": ["Property", "Personal", "PersonalDrop"], "name": "ownerName", "schema": "string"}"""))))
        .contains("disallowedCocotype");
  }

  @Test
  void anUnknownTreatmentIsAnUndefinedTermOrDtmi() {
    List<String> codes = codes(parse(model("dtmi:x:A;1", "", """
        {"@type": ["Property", "PersonalHide"], "name": "ownerName", "schema": "string"}""")));
    assertThat(codes).containsExactly("typeUndefinedTerm");
    assertThat(codes(parse(model("dtmi:x:A;1", "", """
        {"@type": ["Property", "dtmi:io:doppel:privacy:PersonalHide;1"], "name": "ownerName", "schema": "string"}"""))))
        .containsExactly("typeIrrelevantDtmiOrTerm");
  }

  @Test
  void theCoTypesNeedTheContext() {
    String doc = """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:x:A;1", "@type": "Interface", "contents": [
         {"@type": ["Property", "Personal"], "name": "ownerName", "schema": "string"}]}""";
    assertThat(codes(parse(doc))).containsExactly("typeUndefinedTerm");
  }

  @Test
  void personalIdMarksTheIdsOfAnInterfacesTwinsInheritedAndOfARelationshipsInstances() {
    ParseResult result = parse(
        personalIdModel("dtmi:x:Person;1", "PersonalId", "", """
            {"@type": ["Relationship", "PersonalId"], "name": "livesAt",
             "properties": [{"@type": ["Property", "Personal"], "name": "since", "schema": "date"}]},
            {"@type": "Relationship", "name": "owns"}"""),
        model("dtmi:x:Patient;1", ", \"extends\": \"dtmi:x:Person;1\"", ""),
        personalIdModel("dtmi:x:Pump;1", "dtmi:io:doppel:privacy:PersonalId;1", "", ""),
        model("dtmi:x:Site;1", "", """
            {"@type": ["Relationship", "PersonalId"], "name": "hosts"}"""));
    assertThat(result).isInstanceOf(ParseResult.Valid.class);
    ModelCatalog catalog = ModelCatalog.of(((ParseResult.Valid) result).models());

    PersonalProperties patient = catalog.personalProperties(Dtmi.parse("dtmi:x:Patient;1"));
    assertThat(patient.twinId()).isTrue();
    assertThat(patient.relationshipIds()).containsExactly("livesAt");
    assertThat(patient.relationship("livesAt")).containsOnlyKeys("since");
    PersonalProperties site = catalog.personalProperties(Dtmi.parse("dtmi:x:Site;1"));
    assertThat(site.twinId()).isFalse();
    assertThat(site.relationshipIds()).containsExactly("hosts");
    assertThat(site.isEmpty()).isFalse(); // only an id is personal, yet the model holds personal data
    assertThat(catalog.personalIdModels()).extracting(Dtmi::toString)
        .containsExactlyInAnyOrder("dtmi:x:Person;1", "dtmi:x:Patient;1", "dtmi:x:Pump;1");
    assertThat(catalog.holdsPersonalIds()).isTrue();
    assertThat(catalog.holdsPersonalData()).isTrue();
  }

  @Test
  void personalIdOnAPropertyTelemetryCommandOrComponentIsAnInvalidCotype() {
    assertThat(codes(parse(model("dtmi:x:A;1", "", """
        {"@type": ["Property", "PersonalId"], "name": "ownerId", "schema": "string"}"""))))
        .contains("invalidCotype");
    assertThat(codes(parse(model("dtmi:x:A;1", "", """
        {"@type": ["Telemetry", "PersonalId"], "name": "heartRate", "schema": "double"}"""))))
        .contains("invalidCotype");
    assertThat(codes(parse(model("dtmi:x:A;1", "", """
        {"@type": ["Command", "PersonalId"], "name": "callOwner"}"""))))
        .contains("invalidCotype");
    assertThat(codes(parse(
        model("dtmi:x:Contact;1", "", ""),
        model("dtmi:x:A;1", "", """
            {"@type": ["Component", "PersonalId"], "name": "contact", "schema": "dtmi:x:Contact;1"}"""))))
        .contains("invalidCotype");
    String noContext = """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:x:A;1", "@type": ["Interface", "PersonalId"]}""";
    assertThat(codes(parse(noContext))).containsExactly("typeUndefinedTerm");
  }

  @Test
  void withoutPersonalIdNoIdIsPersonal() {
    ParseResult result = parse(model("dtmi:x:A;1", "", """
        {"@type": ["Property", "Personal"], "name": "ownerPhone", "schema": "string"},
        {"@type": "Relationship", "name": "feeds"}"""));
    ModelCatalog catalog = ModelCatalog.of(((ParseResult.Valid) result).models());
    assertThat(catalog.personalProperties(Dtmi.parse("dtmi:x:A;1")).twinId()).isFalse();
    assertThat(catalog.personalProperties(Dtmi.parse("dtmi:x:A;1")).relationshipIds()).isEmpty();
    assertThat(catalog.personalIdModels()).isEmpty();
    assertThat(catalog.holdsPersonalIds()).isFalse();
  }

  @Test
  void onAnInterfaceItIsAnInvalidCotype() {
    String doc = """
        {"@context": %s, "@id": "dtmi:x:A;1", "@type": ["Interface", "Personal"]}""".formatted(CONTEXT);
    assertThat(codes(parse(doc))).contains("invalidCotype");
  }
}
