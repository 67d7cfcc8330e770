package io.doppel.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AncestryTest {

  @Test
  void holdsEveryInterfaceReachedThroughExtendsOnceDiamondsIncluded() {
    InterfaceModel root = model("Root", List.of());
    InterfaceModel left = model("Left", List.of(root));
    InterfaceModel right = model("Right", List.of(root));
    InterfaceModel bottom = model("Bottom", List.of(left, right, left));
    assertThat(bottom.ancestors()).containsExactly(id("Left"), id("Root"), id("Right"));
    assertThat(bottom.ancestors()).isEqualTo(Set.of(id("Left"), id("Right"), id("Root")));
    assertThat(bottom.isA(id("Root"))).isTrue();
    assertThat(left.isA(id("Right"))).isFalse();
    assertThat(root.ancestors()).isEmpty();
  }

  @Test
  void aLongChainIsBuiltWithoutCopyingAndReadsWhole() {
    List<InterfaceModel> chain = new ArrayList<>();
    chain.add(model("C0", List.of()));
    for (int i = 1; i < 5_000; i++) {
      chain.add(model("C" + i, List.of(chain.get(i - 1))));
    }
    Set<Dtmi> top = chain.get(4_999).ancestors();
    assertThat(top).hasSize(4_999).contains(id("C0"), id("C4998")).doesNotContain(id("C4999"));
    assertThat(chain.get(2_500).ancestors()).hasSize(2_500);
  }

  @Test
  void cannotBeChanged() {
    InterfaceModel base = model("Base", List.of());
    Set<Dtmi> ancestors = model("Derived", List.of(base)).ancestors();
    assertThatThrownBy(() -> ancestors.add(id("Other"))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ancestors.remove(id("Base"))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(ancestors::clear).isInstanceOf(UnsupportedOperationException.class);
  }

  private static InterfaceModel model(String name, List<InterfaceModel> bases) {
    Element element = new Element(id(name), Set.of(), Map.of(), Map.of(), null, Map.of());
    return new InterfaceModel(id(name), 3, bases.stream().map(InterfaceModel::id).toList(), Ancestry.of(bases),
        Map.of(), element, "{}");
  }

  private static Dtmi id(String name) {
    return new Dtmi("dtmi:test:" + name + ";1");
  }
}
