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
    RecentTrees trees = new RecentTrees(64, 64);
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
    RecentTrees trees = new RecentTrees(4, 4);
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

  @Test
  void retainsTwinsWrittenAgainAndNotThoseWrittenOnce() {
    // The recent table (4 slots) forgets a tree after a few other writes; the retained one keeps hot twins only.
    RecentTrees trees = new RecentTrees(1024, 4);
    TwinState once = state("once");
    trees.put(once, tree("once"));
    trees.put(state("hot"), tree("hot"));
    TwinState hot = state("hot");
    trees.put(hot, tree("hot")); // written again: admitted
    writeOthers(trees, "a");
    assertThat(trees.get(hot)).isEqualTo(tree("hot"));
    assertThat(trees.get(once)).isNull();
    // While it stays hot, each newer write replaces its tree there.
    TwinState hotter = state("hot");
    trees.put(hotter, tree("hot2"));
    writeOthers(trees, "b");
    assertThat(trees.get(hotter)).isEqualTo(tree("hot2"));
    assertThat(trees.get(hot)).isNull();
  }

  @Test
  void aQueuedWriteAndTheStateItBecomesAreOneWrite() {
    RecentTrees trees = new RecentTrees(1024, 4);
    byte[] bytes = {7};
    TwinState queued = new TwinState("t", MODEL, -1, bytes, null);
    TwinState applied = new TwinState("t", MODEL, 1, bytes, null);
    trees.put(queued, tree("t"));
    trees.put(applied, tree("t"));
    assertThat(trees.get(applied)).isEqualTo(tree("t"));
    writeOthers(trees, "c");
    assertThat(trees.get(applied)).isNull(); // written once: not retained
  }

  @Test
  void aHotTwinPushedOutComesBackAtItsNextWrite() {
    // Four retained slots, two sets: find three twins that share one.
    RecentTrees.Table layout = new RecentTrees.Table(4);
    List<String> shared = new ArrayList<>();
    for (int i = 0; shared.size() < 3; i++) {
      if (layout.set("h" + i) == layout.set("h0")) {
        shared.add("h" + i);
      }
    }
    RecentTrees trees = new RecentTrees(4, 4);
    for (String id : shared) {
      trees.put(state(id), tree(id));
      trees.put(state(id), tree(id)); // written again: admitted; the third pushes the first out
    }
    TwinState back = state(shared.get(0));
    trees.put(back, tree("back"));
    writeOthers(trees, "d");
    assertThat(trees.get(back)).isEqualTo(tree("back"));
  }

  private static void writeOthers(RecentTrees trees, String prefix) {
    for (int i = 0; i < 16; i++) {
      trees.put(state(prefix + i), tree(prefix + i));
    }
  }
}
