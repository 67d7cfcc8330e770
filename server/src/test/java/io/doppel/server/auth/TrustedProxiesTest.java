package io.doppel.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
  private static final TrustedProxies PROXIES = TrustedProxies.parse("10.0.0.0/8, 192.168.1.7,fd00::/8");

  @Test
  void theClientIsTheRightmostUntrustedEntryWhenThePeerIsTrusted() {
    assertThat(PROXIES.client("10.1.2.3", List.of("203.0.113.9"), List.of())).isEqualTo("203.0.113.9");
    // the client's own entries (left) are ignored; trusted hops (right) are skipped
    assertThat(PROXIES.client("10.1.2.3", List.of("1.1.1.1, 203.0.113.9, 10.9.9.9"), List.of()))
        .isEqualTo("203.0.113.9");
    assertThat(PROXIES.client("10.1.2.3", List.of("1.1.1.1", "203.0.113.9:5555, 192.168.1.7"), List.of()))
        .isEqualTo("203.0.113.9");
    assertThat(PROXIES.client("10.1.2.3", List.of("10.5.5.5, 10.6.6.6"), List.of())).as("all trusted: leftmost")
        .isEqualTo("10.5.5.5");
  }

  @Test
  void forwardedIsReadWhenThereIsNoXForwardedFor() {
    assertThat(PROXIES.client("10.1.2.3", List.of(),
        List.of("for=198.51.100.17;proto=https, for=\"[2001:db8::1]:4711\";by=10.1.2.3"))).isEqualTo("2001:db8:0:0:0:0:0:1");
    assertThat(PROXIES.client("fd00::5", List.of(), List.of("For=198.51.100.17"))).isEqualTo("198.51.100.17");
  }

  @Test
  void anUntrustedPeerIsTheClientWhateverItsHeadersSay() {
    assertThat(PROXIES.client("203.0.113.50", List.of("10.0.0.1"), List.of("for=1.2.3.4"))).isEqualTo("203.0.113.50");
    assertThat(TrustedProxies.NONE.client("10.1.2.3", List.of("1.2.3.4"), List.of())).isEqualTo("10.1.2.3");
  }

  @Test
  void whatIsNotAnAddressIsNotTaken() {
    assertThat(PROXIES.client("10.1.2.3", List.of(), List.of())).as("no header").isEqualTo("10.1.2.3");
    assertThat(PROXIES.client("10.1.2.3", List.of("1.2.3.4, example.com"), List.of())).isEqualTo("10.1.2.3");
    assertThat(PROXIES.client("10.1.2.3", List.of(), List.of("for=_hidden, for=unknown"))).isEqualTo("10.1.2.3");
    assertThat(PROXIES.client("10.1.2.3", List.of("999.1.1.1"), List.of())).isEqualTo("10.1.2.3");
    assertThat(TrustedProxies.literal("localhost")).as("never resolved").isNull();
  }

  @Test
  void badListsAreRefusedNamingTheEntry() {
    assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("10.0.0.0/33");
    assertThatThrownBy(() -> TrustedProxies.parse("proxy.internal")).hasMessageContaining("proxy.internal");
    assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/x")).hasMessageContaining("prefix");
    assertThat(TrustedProxies.parse(" ").isEmpty()).isTrue();
    assertThat(TrustedProxies.parse("0.0.0.0/0").client("8.8.8.8", List.of("1.2.3.4"), List.of())).isEqualTo("1.2.3.4");
  }
}
