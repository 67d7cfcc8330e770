package io.doppel.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.ingest.Message;
import io.doppel.ingest.TwinUpdate;
import io.doppel.ingest.Unmappable;
import io.doppel.twin.DoppelException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingEngineTest {
  static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  static Message message(String topic, String payload) {
    return new Message("kafka-plant", "plant/0", topic, "k-1", payload.getBytes(StandardCharsets.UTF_8),
        Map.of("Site", "north"), NOW);
  }

  static JsonNode eval(String expression, String payload) throws Unmappable {
    return ExpressionParser.parse(expression, "f").eval(new Scope(message("plant/north/sensors/line1", payload)));
  }

  static MappingDefinition mapping(String json) {
    return MappingParser.parse("m", 1, MappingParser.read(json));
  }

  @Test
  void pathsReachNestedFieldsArraysAndQuotedNames() throws Unmappable {
    String payload = "{\"a\":{\"b\":[10,{\"c\":\"x\"}]},\"odd name\":5}";
    assertThat(eval("$.a.b[0]", payload).asInt()).isEqualTo(10);
    assertThat(eval("$.a.b[1].c", payload).asText()).isEqualTo("x");
    assertThat(eval("$['odd name']", payload).asInt()).isEqualTo(5);
    assertThat(eval("payload.a.b[0]", payload).asInt()).isEqualTo(10);
  }

  @Test
  void topicLevelsKeyAndHeadersAreReadable() throws Unmappable {
    assertThat(eval("topic[1]", "{}").asText()).isEqualTo("north");
    assertThat(eval("key", "{}").asText()).isEqualTo("k-1");
    assertThat(eval("header.site", "{}").asText()).isEqualTo("north"); // header names ignore case
    assertThat(eval("header['Site'] + '-' + topic[3]", "{}").asText()).isEqualTo("north-line1");
  }

  @Test
  void arithmeticFollowsPrecedenceAndKeepsIntegers() throws Unmappable {
    assertThat(eval("$.raw * 0.1 + 3", "{\"raw\":1000}").asDouble()).isCloseTo(103.0, within(1e-9));
    assertThat(eval("2 + 3 * 4", "{}").asLong()).isEqualTo(14);
    assertThat(eval("(2 + 3) * 4", "{}").asLong()).isEqualTo(20);
    assertThat(eval("-$.x - -2", "{\"x\":5}").asLong()).isEqualTo(-3);
    assertThat(eval("7 % 4", "{}").isIntegralNumber()).isTrue();
    assertThat(eval("7 / 2", "{}").asDouble()).isEqualTo(3.5);
    assertThat(eval("$.s * 2", "{\"s\":\"21.5\"}").asDouble()).isEqualTo(43.0); // numbers sent as text
  }

  @Test
  void comparisonsAndLogic() throws Unmappable {
    assertThat(eval("$.type == 'reading' && $.v >= 3", "{\"type\":\"reading\",\"v\":3}").asBoolean()).isTrue();
    assertThat(eval("!($.v < 3) || false", "{\"v\":2}").asBoolean()).isFalse();
    assertThat(eval("$.v != 2.0", "{\"v\":2}").asBoolean()).isFalse();
  }

  @Test
  void syntaxErrorsNameTheFieldAndColumn() {
    assertSyntax("$.a +", "the expression ends where a value was expected at column 6");
    assertSyntax("$.a * (1 + 2", "')' expected at the end at column 13");
    assertSyntax("$.a $.b", "unexpected '$' at column 5");
    assertSyntax("temperature * 2", "unknown name 'temperature' (a payload field is written $.temperature) at column 1");
    assertSyntax("'open", "has no closing ' at column 1");
    assertSyntax("topic[x]", "topic[n] with n counted from 0 at column 7");
    assertSyntax("$.", "a field name is expected after '.' at column 3");
  }

  private static void assertSyntax(String expression, String message) {
    assertThatThrownBy(() -> ExpressionParser.parse(expression, "telemetry.t.from"))
        .isInstanceOfSatisfying(DoppelException.class, e -> {
          assertThat(e.details()).singleElement().satisfies(d -> {
            assertThat(d.target()).isEqualTo("telemetry.t.from");
            assertThat(d.message()).contains(message);
          });
        });
  }

  @Test
  void evaluationErrorsAreUnmappableWithReasons() {
    assertThatThrownBy(() -> eval("$.missing + 1", "{}")).isInstanceOfSatisfying(Unmappable.class, e -> {
      assertThat(e.reason()).isEqualTo("FIELD_MISSING");
      assertThat(e.getMessage()).contains("$.missing");
    });
    assertThatThrownBy(() -> eval("$.a * 2", "{\"a\":\"high\"}")).isInstanceOfSatisfying(Unmappable.class,
        e -> assertThat(e.reason()).isEqualTo("TYPE_MISMATCH"));
    assertThatThrownBy(() -> eval("1 / $.z", "{\"z\":0}")).isInstanceOfSatisfying(Unmappable.class,
        e -> assertThat(e.reason()).isEqualTo("EXPRESSION_FAILED"));
    assertThatThrownBy(() -> eval("$.a", "{not json")).isInstanceOfSatisfying(Unmappable.class,
        e -> assertThat(e.getMessage()).contains("line 1, column"));
    assertThatThrownBy(() -> eval("topic[9]", "{}")).isInstanceOfSatisfying(Unmappable.class,
        e -> assertThat(e.getMessage()).contains("has only 4 levels"));
  }

  @Test
  void unitsConvertWithinADimensionOnly() {
    assertThat(Units.conversion("degF->degC", "u").apply(212)).isCloseTo(100, within(1e-9));
    assertThat(Units.conversion("degC->K", "u").apply(-273.15)).isCloseTo(0, within(1e-9));
    assertThat(Units.conversion("K->degF", "u").apply(0)).isCloseTo(-459.67, within(1e-9));
    assertThat(Units.conversion("psi->kPa", "u").apply(1)).isCloseTo(6.894757, within(1e-6));
    assertThat(Units.conversion("bar->psi", "u").apply(1)).isCloseTo(14.5038, within(1e-4));
    assertThat(Units.conversion("kWh->J", "u").apply(1)).isEqualTo(3.6e6);
    assertThatThrownBy(() -> Units.conversion("degC->bar", "telemetry.t.unit"))
        .hasMessageContaining("cannot convert degC (temperature) to bar (pressure)");
    assertThatThrownBy(() -> Units.conversion("degC", "u")).hasMessageContaining("from->to");
  }

  @Test
  void topicFiltersMatchLikeMqttAndRankBySpecificity() {
    TopicFilter any = TopicFilter.parse("plant/#", "t");
    TopicFilter one = TopicFilter.parse("plant/+/sensors/#", "t");
    TopicFilter exact = TopicFilter.parse("plant/north/sensors/line1", "t");
    String[] topic = "plant/north/sensors/line1".split("/");
    assertThat(any.matches(topic)).isTrue();
    assertThat(one.matches(topic)).isTrue();
    assertThat(exact.matches(topic)).isTrue();
    assertThat(any.matches(new String[] {"plant"})).isTrue();
    assertThat(one.matches("plant/north/valves/x".split("/"))).isFalse();
    assertThat(exact.matches("plant/north/sensors".split("/"))).isFalse();
    assertThat(exact.specificity()).isGreaterThan(one.specificity());
    assertThat(one.specificity()).isGreaterThan(any.specificity());
    assertThatThrownBy(() -> TopicFilter.parse("a/#/b", "match.topic")).hasMessageContaining("last level");
    assertThatThrownBy(() -> TopicFilter.parse("a/b+", "match.topic")).hasMessageContaining("whole level");
  }

  @Test
  void aMappingMakesTelemetryAndAPatchForTheTemplatedTwin() throws Unmappable {
    MappingDefinition m = mapping("""
        {"match":{"connector":"kafka-plant","topic":"plant/+/sensors/#"},
         "twinId":"{topic[1]}-{payload.deviceId}",
         "telemetry":{"temperature":{"from":"$.t","unit":"degF->degC"}},
         "properties":{"firmware":"$.fw"}, "time":"$.ts"}
        """);
    List<TwinUpdate> updates = m.map(message("plant/north/sensors/line1",
        "{\"deviceId\":\"d7\",\"t\":32,\"fw\":\"1.2\",\"ts\":\"2026-11-30T23:59:00Z\"}"));
    assertThat(updates).hasSize(2);
    TwinUpdate.Telemetry t = (TwinUpdate.Telemetry) updates.get(0);
    assertThat(t.twinId()).isEqualTo("north-d7");
    assertThat(t.values().path("temperature").asDouble()).isCloseTo(0, within(1e-9));
    assertThat(t.sourceTime()).isEqualTo(Instant.parse("2026-11-30T23:59:00Z"));
    TwinUpdate.Patch p = (TwinUpdate.Patch) updates.get(1);
    assertThat(p.patch().toString()).isEqualTo("[{\"op\":\"add\",\"path\":\"/firmware\",\"value\":\"1.2\"}]");
    assertThat(m.name()).isEqualTo("m@1");
  }

  @Test
  void templatesRefuseBadPlaceholdersAtDefinition() {
    assertThatThrownBy(() -> Template.parse("{topic[1]-x", "twinId")).hasMessageContaining("not closed");
    assertThatThrownBy(() -> Template.parse("a}b", "twinId")).hasMessageContaining("lone '}' at column 2");
    assertThatThrownBy(() -> Template.parse("x-{$.}", "twinId"))
        .hasMessageContaining("in the placeholder at column 3");
  }

  @Test
  void theResolverPrefersConnectorThenLiteralLevelsThenWhen() {
    MappingDefinition broad = MappingParser.parse("broad", 1, MappingParser.read(
        "{\"match\":{\"topic\":\"plant/#\"},\"twinId\":\"a\",\"telemetry\":{\"x\":\"$.x\"}}"));
    MappingDefinition narrow = MappingParser.parse("narrow", 1, MappingParser.read(
        "{\"match\":{\"topic\":\"plant/+/sensors/line1\"},\"twinId\":\"b\",\"telemetry\":{\"x\":\"$.x\"}}"));
    MappingDefinition conditional = MappingParser.parse("cond", 1, MappingParser.read(
        "{\"match\":{\"connector\":\"kafka-plant\",\"topic\":\"plant/#\"},\"when\":\"$.kind == 'special'\","
            + "\"twinId\":\"c\",\"telemetry\":{\"x\":\"$.x\"}}"));
    StoredMappingResolver resolver = new StoredMappingResolver(List.of(broad, narrow, conditional));
    assertThat(resolver.resolve(message("plant/n/sensors/line1", "{\"kind\":\"special\"}")).name())
        .isEqualTo("cond@1");
    assertThat(resolver.resolve(message("plant/n/sensors/line1", "{\"kind\":\"plain\"}")).name())
        .isEqualTo("narrow@1");
    assertThat(resolver.resolve(message("plant/n/other", "not even json")).name()).isEqualTo("broad@1");
    assertThat(resolver.resolve(message("twins/x/telemetry", "{}")).name()).isEqualTo("convention");
  }
}
