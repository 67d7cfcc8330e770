package io.doppel.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

/** Random and mutated models: the parser must always answer Valid or Invalid, never throw. */
class ParserFuzzTest {
  private static final String SEED = """
      {"@context": ["dtmi:dtdl:context;3", "dtmi:dtdl:extension:quantitativeTypes;1"],
       "@id": "dtmi:example:Fuzz;1", "@type": "Interface", "extends": ["dtmi:example:Base;1"],
       "schemas": [{"@id": "dtmi:example:E;1", "@type": "Enum", "valueSchema": "integer",
                    "enumValues": [{"name": "a", "enumValue": 1}]}],
       "contents": [{"@type": ["Telemetry", "Temperature"], "name": "t", "schema": "double", "unit": "degreeCelsius"},
                    {"@type": "Property", "name": "p", "writable": true,
                     "schema": {"@type": "Map", "mapKey": {"name": "k", "schema": "string"},
                                "mapValue": {"name": "v", "schema": {"@type": "Array", "elementSchema": "dtmi:example:E;1"}}}},
                    {"@type": "Command", "name": "c", "request": {"name": "r", "schema": "string"}},
                    {"@type": "Relationship", "name": "rel", "target": "dtmi:example:Fuzz;1", "minMultiplicity": 0},
                    {"@type": "Component", "name": "comp", "schema": "dtmi:example:Base;1"}]}""";
  private static final String BASE = """
      {"@context": "dtmi:dtdl:context;2", "@id": "dtmi:example:Base;1", "@type": "Interface",
       "contents": [{"@type": "Property", "name": "b", "schema": "string"}]}""";

  @Property(tries = 400)
  void mutatedModelsNeverMakeTheParserThrow(@ForAll("mutations") String document) {
    ParseResult result = ModelParser.withDefaults().parse(List.of(document, BASE), ModelResolver.none());
    assertThat(result).isInstanceOfAny(ParseResult.Valid.class, ParseResult.Invalid.class);
  }

  @Property(tries = 200)
  void randomTextNeverMakesTheParserThrow(@ForAll("junk") String document) {
    ParseResult result = ModelParser.withDefaults().parse(List.of(document), id -> java.util.Optional.of(document));
    assertThat(result).isInstanceOfAny(ParseResult.Valid.class, ParseResult.Invalid.class);
  }

  @Provide
  Arbitrary<String> mutations() {
    Arbitrary<Integer> position = Arbitraries.integers().between(0, SEED.length() - 1);
    Arbitrary<Integer> length = Arbitraries.integers().between(0, 12);
    Arbitrary<String> replacement = Arbitraries.of("", "\"", "{", "}", "[", "]", ",", ":", "null", "true", "1",
        "-5", "\"x\"", "\"dtmi:a:b;1\"", "{\"@id\": \"dtmi:example:Fuzz;1\"}", "\"Interface\"", "\"@context\"",
        "\"dtmi:example:Fuzz;1\"", "[\"Property\", \"Temperature\"]", "1e400", "\"\u0000\"");
    return Combinators.combine(position, length, replacement).as((p, l, r) ->
        SEED.substring(0, p) + r + SEED.substring(Math.min(SEED.length(), p + l)));
  }

  @Provide
  Arbitrary<String> junk() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(60),
        Arbitraries.strings().withChars("{}[]\":,@dtmi;1 ").ofMaxLength(80));
  }
}
