package io.doppel.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Doppel simulation context parses like a standard extension: its co-types where they belong, nowhere else. */
class DoppelSimExtensionTest {
  private static ParseResult parse(String doc) {
    return ModelParser.withDefaults().parse(List.of(doc), ModelResolver.none());
  }

  private static String service(String context, String contents) {
    return """
        {"@context": [%s],
         "@id": "dtmi:x:Api;1", "@type": ["Interface", "SimStation"], "contents": [%s]}""".formatted(context, contents);
  }

  private static final String SIM = "\"dtmi:dtdl:context;3\", \"dtmi:io:doppel:sim;1\"";

  @Test
  void coTypesOnInterfacePropertiesTelemetryAndRelationshipsParse() {
    ParseResult result = parse(service(SIM, """
        {"@type": ["Property", "Replicas"], "name": "replicas", "schema": "integer"},
        {"@type": ["Property", "MeanServiceTime"], "name": "serviceTime", "schema": "double"},
        {"@type": ["Telemetry", "ObservedArrivalRate"], "name": "requestRate", "schema": "double"},
        {"@type": ["Relationship", "SimFlow"], "name": "calls",
         "properties": [{"@type": ["Property", "CallProbability"], "name": "p", "schema": "double"}]}"""));
    assertThat(result).isInstanceOf(ParseResult.Valid.class);
    InterfaceModel api = ((ParseResult.Valid) result).models().getFirst();
    assertThat(api.element().supplementalTypes()).contains("SimStation");
    assertThat(api.content("replicas").orElseThrow().element().supplementalTypes()).contains("Replicas");
    Content.Relationship calls = (Content.Relationship) api.content("calls").orElseThrow();
    assertThat(calls.element().supplementalTypes()).contains("SimFlow");
    assertThat(calls.properties().get("p").element().supplementalTypes()).contains("CallProbability");
  }

  @Test
  void coTypesNeedTheContext() {
    ParseResult result = parse(service("\"dtmi:dtdl:context;3\"", ""));
    assertThat(result).isInstanceOf(ParseResult.Invalid.class);
  }

  @Test
  void aPropertyCoTypeOnAnInterfaceIsRejected() {
    ParseResult result = parse("""
        {"@context": [%s], "@id": "dtmi:x:Api;1", "@type": ["Interface", "Replicas"]}""".formatted(SIM));
    assertThat(result).isInstanceOf(ParseResult.Invalid.class);
  }

  @Test
  void anUnknownVersionOfTheContextIsRejected() {
    ParseResult result = parse(service("\"dtmi:dtdl:context;3\", \"dtmi:io:doppel:sim;9\"", ""));
    assertThat(((ParseResult.Invalid) result).errors()).extracting(ParsingError::code)
        .contains("unresolvableContextVersion");
  }
}
