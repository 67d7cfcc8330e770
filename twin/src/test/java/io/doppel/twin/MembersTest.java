package io.doppel.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** {@link Members} must behave as the {@code LinkedHashMap} Jackson would otherwise use under an object node. */
class MembersTest {
  @Property(tries = 300)
  void behavesAsAnInsertionOrderedMap(
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 40) Integer> keys,
      @ForAll @Size(max = 60) List<@IntRange(min = -1, max = 40) Integer> removals) {
    Members members = new Members(2);
    Map<String, JsonNode> expected = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      String key = "k" + keys.get(i);
      // Keys equal but not identical, as a patch's path token is to the document's member name.
      assertThat(members.put(new String(key), IntNode.valueOf(i))).isEqualTo(expected.put(key, IntNode.valueOf(i)));
    }
    for (int r : removals) {
      assertThat(members.remove("k" + r)).isEqualTo(expected.remove("k" + r));
    }
    assertThat(members).isEqualTo(expected);
    assertThat(new ArrayList<>(members.keySet())).containsExactlyElementsOf(expected.keySet());
    assertThat(members.hashCode()).isEqualTo(expected.hashCode());
    Members copy = members.copy(1);
    copy.put("extra", TextNode.valueOf("x"));
    assertThat(members).isEqualTo(expected);
    assertThat(copy).hasSize(expected.size() + 1).containsAllEntriesOf(expected);
  }

  @Test
  void objectNodesOverItCompareEqualToOrdinaryOnes() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode compact = new ObjectNode(f, new Members(1)).put("a", 1).put("b", "two");
    ObjectNode ordinary = f.objectNode().put("a", 1).put("b", "two");
    assertThat(compact).isEqualTo(ordinary);
    assertThat(ordinary).isEqualTo(compact);
    assertThat(compact.toString()).isEqualTo("{\"a\":1,\"b\":\"two\"}");
    compact.remove(List.of("a"));
    assertThat(compact.fieldNames().next()).isEqualTo("b");
  }

  @Test
  void iteratorRemovesAndFailsFastOnOtherChanges() {
    Members members = new Members(4);
    members.put("a", IntNode.valueOf(1));
    members.put("b", IntNode.valueOf(2));
    members.put("c", IntNode.valueOf(3));
    Iterator<Map.Entry<String, JsonNode>> it = members.entrySet().iterator();
    it.next();
    Map.Entry<String, JsonNode> b = it.next();
    it.remove();
    assertThat(b.getValue()).isEqualTo(IntNode.valueOf(2));
    assertThat(it.next().getKey()).isEqualTo("c");
    assertThat(members.keySet()).containsExactly("a", "c");
    Iterator<Map.Entry<String, JsonNode>> stale = members.entrySet().iterator();
    members.put("d", IntNode.valueOf(4));
    assertThatThrownBy(stale::next).isInstanceOf(ConcurrentModificationException.class);
    Map.Entry<String, JsonNode> c = members.entrySet().iterator().next();
    c.setValue(IntNode.valueOf(9));
    assertThat(members.get("a")).isEqualTo(IntNode.valueOf(9));
  }
}
