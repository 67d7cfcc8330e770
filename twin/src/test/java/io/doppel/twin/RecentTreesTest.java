package io.doppel.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentTreesTest {
  private static final Dtmi MODEL = new Dtmi("dtmi:test:T;1");

  private static TwinState state(String id) {
    return new TwinState(id, MODEL, 1, new byte[] {1}, null);
  }

  private static ObjectNode tree(String id) {
    return JsonNodeFactory.instance.objectNode().put("$dtId", id);
  }

  @Test
  void answersOnlyTheExactStateItRecorded() {
    RecentTrees trees = new RecentTrees(64);
    TwinState first = state("a");
    trees.put(first, tree("a"));
    assertThat(trees.get(first)).isEqualTo(tree("a"));
    // Same id, equal bytes, but another write: a stale tree must never be answered.
    assertThat(trees.get(state("a"))).isNull();
    TwinState second = state("a");
    trees.put(second, tree("a2"));
    assertThat(trees.get(second)).isEqualTo(tree("a2"));
    assertThat(trees.get(first)).isNull();
  }

  @Test
  void keepsTwoTwinsThatShareASet() {
    // Four slots: two sets of two. Of any three twins two share a set; with two in one set, both stay.
    RecentTrees trees = new RecentTrees(4);
    List<TwinState> states = new ArrayList<>();
    for (String id : List.of("sensor-1", "sensor-2", "sensor-3")) {
      TwinState s = state(id);
      states.add(s);
      trees.put(s, tree(id));
    }
    long kept = states.stream().filter(s -> trees.get(s) != null).count();
    assertThat(kept).isGreaterThanOrEqualTo(2);
    for (TwinState s : states) {
      ObjectNode found = trees.get(s);
      if (found != null) {
        assertThat(found.get("$dtId").asText()).isEqualTo(s.id());
      }
    }
    // Writing a twin again replaces its own tree in place and keeps its neighbour.
    TwinState again = state(states.get(2).id());
    trees.put(again, tree(again.id()));
    assertThat(trees.get(again)).isNotNull();
    assertThat(states.subList(0, 2).stream().filter(s -> trees.get(s) != null).count()).isGreaterThanOrEqualTo(1);
  }
}
