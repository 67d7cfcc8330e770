package io.doppel.query.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.model.Dtmi;
import org.junit.jupiter.api.Test;

class ModelMatchTest {
  private static int compare(String a, String b) {
    return Integer.signum(ModelMatch.compareVersions(new Dtmi("dtmi:x:W" + a), new Dtmi("dtmi:x:W" + b)));
  }

  @Test
  void ordersVersionsAsNumbersMajorFirstThenMinor() {
    assertThat(compare(";10", ";9")).isEqualTo(1);
    assertThat(compare(";2", ";2")).isZero();
    assertThat(compare(";2.1", ";2")).isEqualTo(1);
    assertThat(compare(";2.10", ";2.9")).isEqualTo(1);
    assertThat(compare(";3", ";2.99")).isEqualTo(1);
    assertThat(compare("", ";1")).isEqualTo(-1);
  }
}
