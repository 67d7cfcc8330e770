package io.doppel.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.ingest.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingAcksTest {
  @Test
  void acknowledgesInArrivalOrderWhateverOrderOutcomesComeIn() {
    PendingAcks acks = new PendingAcks();
    PendingAcks.Entry first = acks.add(7);
    PendingAcks.Entry second = acks.add(8);
    PendingAcks.Entry third = acks.add(9);
    List<Integer> sent = new ArrayList<>();
    assertThat(acks.complete(third, Outcome.applied(1), (id, o) -> sent.add(id))).isZero();
    assertThat(acks.complete(second, Outcome.applied(1), (id, o) -> sent.add(id))).isZero();
    assertThat(sent).isEmpty();
    assertThat(acks.complete(first, Outcome.applied(1), (id, o) -> sent.add(id))).isEqualTo(3);
    assertThat(sent).containsExactly(7, 8, 9);
    assertThat(acks.size()).isZero();
  }
}
