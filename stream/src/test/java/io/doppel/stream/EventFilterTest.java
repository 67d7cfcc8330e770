package io.doppel.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.model.Dtmi;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventFilterTest {
  private TwinEngine engine;
  private final List<TwinEvent> seen = new ArrayList<>();

  @BeforeEach
  void plant() {
    engine = Plant.engine();
    engine.subscribe(seen::add);
    Plant.twin(engine, "asset", Plant.ASSET);
    Plant.twin(engine, "pump", Plant.PUMP);
    Plant.twin(engine, "room", Plant.ROOM);
    Plant.twin(engine, "hall", Plant.ROOM);
    Plant.patch(engine, "pump", "rpm", 1500);
    Plant.patch(engine, "room", "temperature", 21);
    Plant.relate(engine, "room", "r1", "contains", "pump");
    Plant.relate(engine, "hall", "r2", "near", "room");
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private List<String> matching(EventFilter filter) {
    CloudEvents encoder = new CloudEvents();
    List<String> out = new ArrayList<>();
    for (TwinEvent e : List.copyOf(seen)) {
      StreamEvent s = encoder.encode(e, engine.catalog());
      if (filter.matches(s)) {
        out.add(s.type().ceType() + " " + (s.twinId() != null ? s.twinId() : s.sourceId() + ">" + s.targetId()));
      }
    }
    return out;
  }

  private static EventFilter models(String... dtmis) {
    Set<Dtmi> set = new java.util.HashSet<>();
    for (String d : dtmis) {
      set.add(Dtmi.parse(d));
    }
    return new EventFilter(Set.of(), set, Set.of(), Set.of(), Set.of(), Set.of());
  }

  @Test
  void aBaseModelFilterMatchesTwinsOfModelsThatExtendIt() {
    assertThat(matching(models(Plant.ASSET))).containsExactly(
        "io.doppel.twin.created asset", "io.doppel.twin.created pump", "io.doppel.twin.patched pump");
  }

  @Test
  void aDerivedModelFilterDoesNotMatchTwinsOfTheBaseModel() {
    assertThat(matching(models(Plant.PUMP))).containsExactly(
        "io.doppel.twin.created pump", "io.doppel.twin.patched pump");
  }

  @Test
  void aTwinFilterMatchesItsOwnEventsAndRelationshipsWhereItIsSourceOrTarget() {
    EventFilter room = new EventFilter(Set.of("room"), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    assertThat(matching(room)).containsExactly("io.doppel.twin.created room", "io.doppel.twin.patched room",
        "io.doppel.relationship.created room>pump", "io.doppel.relationship.created hall>room");
  }

  @Test
  void dimensionsCombineWithAndValuesWithinOneWithOr() {
    EventFilter f = new EventFilter(Set.of(), Set.of(), Set.of("contains", "feeds"), Set.of("room"), Set.of(),
        Set.of());
    assertThat(matching(f)).containsExactly("io.doppel.relationship.created room>pump");
    EventFilter target = new EventFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of("room"), Set.of());
    assertThat(matching(target)).containsExactly("io.doppel.relationship.created hall>room");
  }

  @Test
  void aFilterOnADimensionAnEventLacksDoesNotPassIt() {
    EventFilter named = new EventFilter(Set.of(), Set.of(), Set.of("contains"), Set.of(), Set.of(), Set.of());
    assertThat(matching(named)).noneMatch(s -> s.startsWith("io.doppel.twin."));
    assertThat(matching(models(Plant.ROOM))).noneMatch(s -> s.startsWith("io.doppel.relationship."));
  }

  @Test
  void typeFamiliesAndExactTypesSelectEvents() {
    EventFilter patched = new EventFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
        EventType.matching("io.doppel.twin.patched"));
    assertThat(matching(patched)).containsExactly("io.doppel.twin.patched pump", "io.doppel.twin.patched room");
    EventFilter relationships = new EventFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
        EventType.matching("io.doppel.relationship.*"));
    assertThat(matching(relationships)).hasSize(2);
    assertThat(EventType.matching("io.doppel.twin.patch")).isEmpty();
  }

  @Test
  void theEmptyFilterMatchesEverything() {
    assertThat(matching(EventFilter.all())).hasSize(seen.size());
  }
}
