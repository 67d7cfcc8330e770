package io.doppel.stream.rules;

import static io.doppel.stream.rules.Building.json;
import static io.doppel.stream.rules.Building.property;
import static io.doppel.stream.rules.Building.relate;
import static io.doppel.stream.rules.Building.set;
import static io.doppel.stream.rules.Building.twin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.doppel.stream.spi.RuleStore;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.MutableClock;
import io.doppel.twin.Origin;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
  static final String FLOOR_AVERAGE = """
      {"kind": "derived", "model": "dtmi:r:Floor;1", "target": "averageTemperature",
       "expression": "avg(rel('contains').temperature)"}""";

  private final MutableClock clock = new MutableClock();
  private final List<TwinEvent> ruleWrites = new CopyOnWriteArrayList<>();
  private TwinEngine engine;
  private RuleEngine rules;

  @BeforeEach
  void open() {
    engine = Building.engine();
    engine.subscribe(e -> {
      if (e.origin().channel().equals("rule")) {
        ruleWrites.add(e);
      }
    });
  }

  @AfterEach
  void close() {
    if (rules != null) {
      rules.close();
    }
    engine.close();
  }

  private RuleEngine start(TelemetrySource telemetry) {
    rules = RuleEngine.start(engine, RuleStore.inMemory(), clock, telemetry);
    return rules;
  }

  @Test
  void keepsAFloorsAverageAsRoomsChangeArriveAndLeave() {
    twin(engine, "f1", Building.FLOOR, "{}");
    twin(engine, "r1", Building.ROOM, "{\"temperature\": 20}");
    twin(engine, "r2", Building.LAB, "{\"temperature\": 24}"); // a Lab is a Room
    relate(engine, "f1", "c1", "contains", "r1");
    relate(engine, "f1", "c2", "contains", "r2");
    start(TelemetrySource.NONE).define("floor-avg", json(FLOOR_AVERAGE));

    await().untilAsserted(() -> assertThat(property(engine, "f1", "averageTemperature").asDouble()).isEqualTo(22));
    set(engine, "r1", "temperature", 30);
    await().untilAsserted(() -> assertThat(property(engine, "f1", "averageTemperature").asDouble()).isEqualTo(27));
    twin(engine, "r3", Building.ROOM, "{\"temperature\": 21}");
    relate(engine, "f1", "c3", "contains", "r3");
    await().untilAsserted(() -> assertThat(property(engine, "f1", "averageTemperature").asDouble()).isEqualTo(25));
    engine.deleteRelationship("f1", "c1", Precondition.none());
    await().untilAsserted(() -> assertThat(property(engine, "f1", "averageTemperature").asDouble())
        .isEqualTo(22.5));
    engine.deleteRelationship("f1", "c2", Precondition.none());
    await().untilAsserted(() -> assertThat(property(engine, "f1", "averageTemperature").asDouble()).isEqualTo(21));
    engine.deleteRelationship("f1", "c3", Precondition.none());
    await().untilAsserted(() -> assertThat(property(engine, "f1", "averageTemperature").isMissingNode()).isTrue());

    assertThat(ruleWrites).hasSize(6).allSatisfy(e -> {
      assertThat(e.origin()).isEqualTo(Origin.of("rule", "floor-avg"));
      assertThat(e).isInstanceOf(TwinEvent.TwinPatched.class);
    });
    await().until(() -> rules.get("floor-avg").writes() == 6); // counted once each write is acknowledged
    assertThat(rules.get("floor-avg").errors()).isZero();
  }

  @Test
  void writesOnlyWhenTheValueChangesAndItsOwnWriteDoesNotTriggerItAgain() throws Exception {
    twin(engine, "f1", Building.FLOOR, "{}");
    twin(engine, "r1", Building.ROOM, "{\"temperature\": 20}");
    relate(engine, "f1", "c1", "contains", "r1");
    start(TelemetrySource.NONE).define("floor-avg", json(FLOOR_AVERAGE));
    rules.define("room-count", json("""
        {"kind": "derived", "model": "dtmi:r:Floor;1", "target": "roomCount",
         "expression": "count(rel('contains')) * 1.4"}"""));
    await().untilAsserted(() -> assertThat(ruleWrites).hasSize(2));
    assertThat(property(engine, "f1", "roomCount").isIntegralNumber()).isTrue(); // rounded for an integer
    assertThat(property(engine, "f1", "roomCount").asInt()).isEqualTo(1);

    set(engine, "r1", "temperature", 20); // same value
    set(engine, "r1", "label", "kitchen"); // a name no rule reads
    set(engine, "f1", "name", "ground"); // the floor itself, but nothing the average reads
    set(engine, "r1", "temperature", 23);
    await().untilAsserted(() -> assertThat(ruleWrites).hasSize(3));
    Thread.sleep(300); // would show an echo, were the rule to re-trigger itself
    assertThat(ruleWrites).hasSize(3);
    assertThat(rules.get("floor-avg").writes()).isEqualTo(2);
    // on definition, for the 20 again and for the 23 (one evaluation when the worker drains both changes in one
    // batch): never for the names it does not read, nor for its own writes
    assertThat(rules.get("floor-avg").evaluations()).isBetween(2L, 3L);
  }

  @Test
  void refusesRulesThatWouldFeedThemselvesOrEachOther() {
    start(TelemetrySource.NONE);
    assertThatThrownBy(() -> rules.define("self", json("""
        {"kind": "derived", "model": "dtmi:r:Floor;1", "target": "a", "expression": "a + 1"}""")))
        .isInstanceOfSatisfying(DoppelException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RULE_INVALID);
          assertThat(e.getMessage()).contains("feed each other").contains("rule 'self' writes 'a'");
        });
    rules.define("a-from-b", json("""
        {"kind": "derived", "model": "dtmi:r:Floor;1", "target": "a", "expression": "b * 2"}"""));
    assertThatThrownBy(() -> rules.define("b-from-a", json("""
        {"kind": "derived", "model": "dtmi:r:Floor;1", "target": "b", "expression": "a / 2"}""")))
        .hasMessageContaining("rule 'b-from-a' writes 'b' which rule 'a-from-b' reads")
        .hasMessageContaining("rule 'a-from-b' writes 'a' which rule 'b-from-a' reads");
    // through neighbours too: rooms' temperature from their floor's average would close the loop
    rules.define("floor-avg", json(FLOOR_AVERAGE));
    assertThatThrownBy(() -> rules.define("room-from-floor", json("""
        {"kind": "derived", "model": "dtmi:r:Room;1", "target": "temperature",
         "expression": "avg(rel_in('contains').averageTemperature)"}""")))
        .hasMessageContaining("feed each other");
    assertThat(rules.list()).extracting(s -> s.definition().id()).containsExactly("a-from-b", "floor-avg");
  }

  @Test
  void checksADefinitionAgainstItsModelNamingTheField() {
    start(TelemetrySource.NONE);
    assertInvalid("{\"kind\": \"derived\", \"model\": \"dtmi:r:Floor;1\", \"target\": \"nope\", \"expression\": \"1\"}",
        "target", "declares no property 'nope'");
    assertInvalid("{\"kind\": \"derived\", \"model\": \"dtmi:r:Room;1\", \"target\": \"label\", \"expression\": \"'x'\"}",
        "target", "not writable");
    assertInvalid("{\"kind\": \"derived\", \"model\": \"dtmi:r:Floor;1\", \"target\": \"a\", \"expression\": \"name\"}",
        "expression", "yields a string");
    assertInvalid("{\"kind\": \"derived\", \"model\": \"dtmi:r:Floor;1\", \"target\": \"a\", "
        + "\"expression\": \"avg(rel('contains').humidity)\"}", "expression", "1:21: model dtmi:r:Room;1 declares no");
    assertInvalid("{\"kind\": \"derived\", \"model\": \"dtmi:r:Floor;1\", \"target\": \"a\", "
        + "\"expression\": \"avg(rel('near').x)\"}", "expression", "1:5: model dtmi:r:Floor;1 declares no relationship");
    assertInvalid("{\"kind\": \"derived\", \"model\": \"dtmi:r:Floor;1\", \"target\": \"a\", \"expression\": \"b + name\"}",
        "expression", "1:3: '+' needs strings, got a number and a string");
    assertInvalid("{\"kind\": \"derived\", \"model\": \"dtmi:r:Nope;1\", \"target\": \"a\", \"expression\": \"1\"}",
        "model", "not loaded");
    assertInvalid("{\"kind\": \"alert\", \"model\": \"dtmi:r:Room;1\", \"condition\": \"temperature\"}",
        "condition", "must be true or false");
    assertInvalid("{\"kind\": \"alert\", \"model\": \"dtmi:r:Room;1\", \"condition\": \"temperature > 1\", "
        + "\"for\": \"soon\"}", "for", "ISO-8601");
    assertInvalid("{\"kind\": \"alert\", \"model\": \"dtmi:r:Room;1\", \"condition\": \"temperature > 1\", "
        + "\"property\": \"temperature\"}", "property", "boolean");
    assertInvalid("{\"kind\": \"alert\", \"model\": \"dtmi:r:Room;1\", \"condition\": \"temperature > 1\", "
        + "\"target\": \"x\"}", "target", "not a field of alert rules");
    assertInvalid("{\"kind\": \"sometimes\", \"model\": \"dtmi:r:Room;1\"}", "kind", "derived");
  }

  @Test
  void raisesAfterTheHoldAndClearsOnlyBelowTheClearThreshold() {
    twin(engine, "r1", Building.ROOM, "{\"temperature\": 20}");
    List<AlertTransition> seen = new CopyOnWriteArrayList<>();
    start(TelemetrySource.NONE).onAlert(seen::add);
    rules.define("overheat", json("""
        {"kind": "alert", "model": "dtmi:r:Room;1", "condition": "temperature > 30", "clear": "temperature < 28",
         "for": "PT30S", "severity": "critical", "property": "overheated"}"""));
    await().until(() -> rules.get("overheat").evaluations() == 1);
    assertThat(property(engine, "r1", "overheated").isMissingNode()).isTrue(); // missing is as good as ok

    set(engine, "r1", "temperature", 35);
    await().untilAsserted(() -> assertThat(property(engine, "r1", "overheated").asText()).isEqualTo("pending"));
    set(engine, "r1", "temperature", 25); // did not hold long enough: back to ok, never raised
    await().untilAsserted(() -> assertThat(property(engine, "r1", "overheated").asText()).isEqualTo("ok"));
    set(engine, "r1", "temperature", 35);
    await().untilAsserted(() -> assertThat(property(engine, "r1", "overheated").asText()).isEqualTo("pending"));
    clock.advance(Duration.ofSeconds(29));
    set(engine, "r1", "temperature", 36);
    assertThat(rules.alerts(AlertState.PENDING, null, null)).hasSize(1);
    clock.advance(Duration.ofSeconds(2));
    await().untilAsserted(() -> assertThat(property(engine, "r1", "overheated").asText()).isEqualTo("active"));
    assertThat(rules.alerts(AlertState.ACTIVE, null, null)).singleElement().satisfies(a -> {
      assertThat(a.twinId()).isEqualTo("r1");
      assertThat(a.severity()).isEqualTo("critical");
      assertThat(a.raisedAt()).isEqualTo(clock.instant());
    });

    for (double between : new double[] {29, 28}) { // between clear and condition: stays active
      long before = rules.get("overheat").evaluations();
      set(engine, "r1", "temperature", between);
      await().until(() -> rules.get("overheat").evaluations() > before);
      assertThat(property(engine, "r1", "overheated").asText()).isEqualTo("active");
    }
    set(engine, "r1", "temperature", 27.5);
    await().untilAsserted(() -> assertThat(property(engine, "r1", "overheated").asText()).isEqualTo("ok"));
    assertThat(rules.alerts(null, null, null)).isEmpty();
    assertThat(seen).extracting(AlertTransition::kind).containsExactly("pending", "ok", "pending", "raised", "cleared");
    assertThat(rules.get("overheat").raised()).isEqualTo(1);
    assertThat(rules.get("overheat").cleared()).isEqualTo(1);
  }

  @Test
  void raisesAtOnceWithoutAHoldAndTracksAlertsWithoutAProperty() {
    twin(engine, "r1", Building.ROOM, "{\"temperature\": 40}");
    twin(engine, "r2", Building.ROOM, "{\"temperature\": 20}");
    start(TelemetrySource.NONE).define("hot", json("""
        {"kind": "alert", "model": "dtmi:r:Room;1", "condition": "temperature > 30"}"""));
    await().untilAsserted(() -> assertThat(rules.alerts(AlertState.ACTIVE, "hot", null))
        .extracting(Alert::twinId).containsExactly("r1"));
    set(engine, "r2", "temperature", 31);
    set(engine, "r1", "temperature", 30); // no clear given: clears when the condition stops holding
    await().untilAsserted(() -> assertThat(rules.alerts(null, null, null)).extracting(Alert::twinId)
        .containsExactly("r2"));
    assertThat(rules.get("hot").active()).isEqualTo(1);
    assertThat(property(engine, "r1", "overheated").isMissingNode()).isTrue();
    engine.deleteTwin("r2", Precondition.none());
    await().untilAsserted(() -> assertThat(rules.alerts(null, null, null)).isEmpty());
  }

  @Test
  void derivesFromTelemetryIncludingWhatWasRecordedBeforeItStarted() {
    twin(engine, "svc", Building.SERVICE, "{}");
    twin(engine, "api", Building.SERVICE, "{}");
    relate(engine, "svc", "f1", "feeds", "api");
    start(id -> id.equals("svc") ? Map.of("errorRate", 0.1) : Map.of());
    rules.define("error-percent", json("""
        {"kind": "derived", "model": "dtmi:r:Service;1", "target": "errorPercent", "expression": "errorRate * 100"}"""));
    rules.define("upstream", json("""
        {"kind": "derived", "model": "dtmi:r:Service;1", "target": "upstreamErrors",
         "expression": "sum(rel_in('feeds').errorRate)"}"""));
    await().untilAsserted(() -> assertThat(property(engine, "svc", "errorPercent").asDouble()).isEqualTo(10));
    await().untilAsserted(() -> assertThat(property(engine, "api", "upstreamErrors").asDouble()).isEqualTo(0.1));
    rules.telemetry("svc", null, (com.fasterxml.jackson.databind.node.ObjectNode) json("{\"errorRate\": 0.25}"));
    await().untilAsserted(() -> assertThat(property(engine, "svc", "errorPercent").asDouble()).isEqualTo(25));
    await().untilAsserted(() -> assertThat(property(engine, "api", "upstreamErrors").asDouble()).isEqualTo(0.25));
  }

  @Test
  void rulesAreKeptInTheirStoreAndRunAgainOnStart() {
    RuleStore store = RuleStore.inMemory();
    twin(engine, "f1", Building.FLOOR, "{}");
    twin(engine, "r1", Building.ROOM, "{\"temperature\": 20}");
    relate(engine, "f1", "c1", "contains", "r1");
    try (RuleEngine first = RuleEngine.start(engine, new Unclosed(store), clock, TelemetrySource.NONE)) {
      first.define("floor-avg", json(FLOOR_AVERAGE));
      await().untilAsserted(() -> assertThat(property(engine, "f1", "averageTemperature").asDouble()).isEqualTo(20));
      first.define("gone", json(FLOOR_AVERAGE.replace("averageTemperature", "a")));
      first.delete("gone");
    }
    set(engine, "r1", "temperature", 26); // while no rules run
    rules = RuleEngine.start(engine, store, clock, TelemetrySource.NONE);
    assertThat(rules.list()).extracting(s -> s.definition().id()).containsExactly("floor-avg");
    assertThat(rules.get("floor-avg").definition().toJson()).isEqualTo(json(
        "{\"id\": \"floor-avg\"," + FLOOR_AVERAGE.substring(FLOOR_AVERAGE.indexOf('{') + 1)));
    await().untilAsserted(() -> assertThat(property(engine, "f1", "averageTemperature").asDouble()).isEqualTo(26));
    assertThatThrownBy(() -> rules.get("gone")).isInstanceOfSatisfying(DoppelException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.RULE_NOT_FOUND));
  }

  @Test
  void anAlertActiveBeforeARestartResumesFromItsPropertyInsteadOfBeingRaisedAgain() {
    RuleStore store = RuleStore.inMemory();
    twin(engine, "r1", Building.ROOM, "{\"temperature\": 35}");
    try (RuleEngine first = RuleEngine.start(engine, new Unclosed(store), clock, TelemetrySource.NONE)) {
      first.define("overheat", json("""
          {"kind": "alert", "model": "dtmi:r:Room;1", "condition": "temperature > 30", "clear": "temperature < 28",
           "property": "overheated"}"""));
      await().untilAsserted(() -> assertThat(property(engine, "r1", "overheated").asText()).isEqualTo("active"));
    }
    set(engine, "r1", "temperature", 29); // inside the hysteresis band while no rules run
    List<AlertTransition> seen = new CopyOnWriteArrayList<>();
    rules = RuleEngine.start(engine, store, clock, TelemetrySource.NONE);
    rules.onAlert(seen::add);
    await().untilAsserted(() -> assertThat(rules.alerts(AlertState.ACTIVE, null, null)).hasSize(1));
    assertThat(property(engine, "r1", "overheated").asText()).isEqualTo("active");
    set(engine, "r1", "temperature", 27);
    await().untilAsserted(() -> assertThat(property(engine, "r1", "overheated").asText()).isEqualTo("ok"));
    assertThat(seen).extracting(AlertTransition::kind).containsExactly("cleared");
  }

  @Test
  void aStoredRuleWhoseModelIsMissingIsListedWithItsProblemAndRunsOnceTheModelArrives() {
    RuleStore store = RuleStore.inMemory();
    store.put("wing-avg", """
        {"id": "wing-avg", "kind": "derived", "model": "dtmi:r:Wing;1", "target": "averageTemperature",
         "expression": "avg(rel('contains').temperature)"}""");
    rules = RuleEngine.start(engine, store, clock, TelemetrySource.NONE);
    assertThat(rules.get("wing-avg").problem()).contains("dtmi:r:Wing;1 is not loaded");
    engine.addModels(List.of("""
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:r:Wing;1", "@type": "Interface",
         "contents": [{"@type": "Property", "name": "averageTemperature", "schema": "double", "writable": true},
                      {"@type": "Relationship", "name": "contains"}]}"""));
    await().untilAsserted(() -> assertThat(rules.get("wing-avg").problem()).isNull());
    twin(engine, "w1", "dtmi:r:Wing;1", "{}");
    twin(engine, "r1", Building.ROOM, "{\"temperature\": 19}");
    relate(engine, "w1", "c1", "contains", "r1");
    await().untilAsserted(() -> assertThat(property(engine, "w1", "averageTemperature").asDouble()).isEqualTo(19));
  }

  private void assertInvalid(String body, String field, String message) {
    assertThatThrownBy(() -> rules.define("r", json(body))).isInstanceOfSatisfying(DoppelException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.RULE_INVALID);
      assertThat(e.details()).singleElement().satisfies(d -> {
        assertThat(d.target()).isEqualTo(field);
        assertThat(d.message()).contains(message);
      });
    });
  }

  /** Lets a second engine open the same in-memory store after the first closed it. */
  private record Unclosed(RuleStore store) implements RuleStore {
    @Override
    public Map<String, String> load() {
      return store.load();
    }

    @Override
    public void put(String id, String definitionJson) {
      store.put(id, definitionJson);
    }

    @Override
    public void delete(String id) {
      store.delete(id);
    }

    @Override
    public void close() {}
  }
}
