package io.doppel.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicFilterTest {
  private static TopicFilter accepted(String text) {
    TopicFilter.Parsed parsed = TopicFilter.parse(text);
    assertThat(parsed).as(text).isInstanceOf(TopicFilter.Accepted.class);
    return ((TopicFilter.Accepted) parsed).filter();
  }

  private static TopicFilter.Refused refused(String text) {
    TopicFilter.Parsed parsed = TopicFilter.parse(text);
    assertThat(parsed).as(text).isInstanceOf(TopicFilter.Refused.class);
    return (TopicFilter.Refused) parsed;
  }

  @Test
  void acceptsTheDesiredAndCommandFamiliesWithWildcards() {
    assertThat(accepted("twins/room-1/desired").matches("twins/room-1/desired")).isTrue();
    assertThat(accepted("twins/room-1/desired").matches("twins/room-2/desired")).isFalse();
    assertThat(accepted("twins/room-1/desired").twinId()).isEqualTo("room-1");
    assertThat(accepted("twins/+/desired").matches("twins/room-2/desired")).isTrue();
    assertThat(accepted("twins/+/desired").twinId()).isNull();
    TopicFilter commands = accepted("twins/room-1/commands/+");
    assertThat(commands.matches("twins/room-1/commands/reboot")).isTrue();
    assertThat(commands.matches("twins/room-1/commands")).isFalse();
    assertThat(commands.matches("twins/room-1/desired")).isFalse();
    TopicFilter all = accepted("twins/room-1/#");
    assertThat(all.matches("twins/room-1/desired")).isTrue();
    assertThat(all.matches("twins/room-1/commands/reboot")).isTrue();
    assertThat(all.matches("twins/room-10/desired")).isFalse();
    assertThat(accepted("twins/+/commands/#").matches("twins/x/commands/a")).isTrue();
    assertThat(accepted("twins/x/commands/reboot").matches("twins/x/commands/reset")).isFalse();
  }

  @Test
  void refusesOtherTopicsMalformedWildcardsAndSharedSubscriptions() {
    assertThat(refused("twins/room-1/telemetry").reason()).contains("not a topic Doppel publishes");
    assertThat(refused("#").reason()).contains("not a topic");
    assertThat(refused("twins/#").reason()).contains("not a topic");
    assertThat(refused("twins/+/commands/a/b").reason()).contains("not a topic");
    assertThat(refused("twins/room-1/desired/#x").reason()).contains("'#'");
    assertThat(refused("twins/#/desired").reason()).contains("'#'");
    assertThat(refused("twins/ro+om/desired").reason()).contains("'+'");
    TopicFilter.Refused shared = refused("$share/group/twins/+/desired");
    assertThat(shared.sharedSubscription()).isTrue();
  }
}
