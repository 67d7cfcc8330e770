package io.doppel.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Distribution;
import io.doppel.sim.network.Network;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentKeyTest {
  private static Network network(double serviceMean, double[] samples) {
    return Network.builder()
        .source("in", ArrivalProcess.poisson(1), "a")
        .station("a", 1, Distribution.exponential(serviceMean))
        .station("b", 2, Distribution.empirical(samples))
        .route("a", "b", 0.5)
        .build();
  }

  @Test
  void equalContentInOtherObjectsHasTheSameKey() {
    ContentKey a = ContentKey.of(network(1, new double[] {1, 2, 3})).orElseThrow();
    ContentKey b = ContentKey.of(network(1, new double[] {1, 2, 3})).orElseThrow();
    assertThat(b.hash()).isEqualTo(a.hash());
    assertThat(b.sameContent(a)).isTrue();
  }

  @Test
  void anyNumberChangedChangesTheKey() {
    ContentKey a = ContentKey.of(network(1, new double[] {1, 2, 3})).orElseThrow();
    ContentKey service = ContentKey.of(network(Math.nextUp(1.0), new double[] {1, 2, 3})).orElseThrow();
    ContentKey sample = ContentKey.of(network(1, new double[] {1, 2, 3.5})).orElseThrow();
    assertThat(service.hash()).isNotEqualTo(a.hash());
    assertThat(sample.hash()).isNotEqualTo(a.hash());
    assertThat(service.sameContent(a)).isFalse();
  }

  @Test
  void mapsAreKeyedByContentNotIterationOrder() {
    Map<String, Integer> one = new LinkedHashMap<>();
    one.put("x", 1);
    one.put("y", 2);
    Map<String, Integer> other = new LinkedHashMap<>();
    other.put("y", 2);
    other.put("x", 1);
    assertThat(ContentKey.of(other).orElseThrow().sameContent(ContentKey.of(one).orElseThrow())).isTrue();
    Map<String, Integer> changed = new HashMap<>(one);
    changed.put("y", 3);
    assertThat(ContentKey.of(changed).orElseThrow().sameContent(ContentKey.of(one).orElseThrow())).isFalse();
  }

  @Test
  void valuesWithoutAContentHaveNoKey() {
    Runnable lambda = () -> {};
    assertThat(ContentKey.of(lambda)).isEmpty();
    assertThat(ContentKey.of(List.of(1, new Object()))).isEmpty();
    assertThat(ContentKey.of(Set.of(1, 2))).isEmpty();
  }

  @Test
  void aValueSplitDifferentlyIsAnotherKey() {
    // the encoding is self-delimiting: ("ab", "c") and ("a", "bc") do not collide
    assertThat(ContentKey.of("ab", "c").orElseThrow().sameContent(ContentKey.of("a", "bc").orElseThrow())).isFalse();
  }
}
