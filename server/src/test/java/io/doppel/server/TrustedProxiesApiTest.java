package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.server.auth.AuditEntry;
import io.doppel.server.auth.AuthConfig;
import io.doppel.server.auth.FailureLimit;
import io.doppel.server.auth.TrustedProxies;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --trusted-proxies} over real HTTP, with loopback addresses as peers (Linux routes all of 127/8 to
 * loopback): behind the trusted proxy 127.0.0.2 each forwarded client is throttled and audited on its own address;
 * a peer that is not trusted (127.0.0.3) is throttled on its own address whatever its headers claim.
 */
class TrustedProxiesApiTest {
  private static final String ADMIN_KEY = "admin-key-for-proxy-tests-0123456789";
  private static final FailureLimit LIMIT = new FailureLimit(3, Duration.ofMinutes(10));
  private static final String PROXY = "127.0.0.2";
  private static final String STRANGER = "127.0.0.3";

  @Test
  void behindATrustedProxyEachForwardedClientIsThrottledAndAuditedOnItsOwn() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY).withFailureLimit(LIMIT)
        .withTrustedProxies(TrustedProxies.parse(PROXY + "/32"))), (server, http) -> {
      // the attacker's own entry on the left is ignored: the proxy appended the address it was reached from
      String attacker = "198.51.100.1, 203.0.113.5";
      for (int i = 0; i < 3; i++) {
        assertThat(get(server, PROXY, "wrong-key-" + i, "X-Forwarded-For", attacker).statusCode()).isEqualTo(401);
      }
      assertThat(get(server, PROXY, ADMIN_KEY, "X-Forwarded-For", attacker).statusCode()).as("throttled")
          .isEqualTo(429);
      // another client behind the same proxy is not concerned, nor is the proxy itself
      assertThat(get(server, PROXY, ADMIN_KEY, "X-Forwarded-For", "203.0.113.6").statusCode()).isEqualTo(200);
      assertThat(get(server, PROXY, ADMIN_KEY, "Forwarded", "for=\"[2001:db8::7]:4711\"").statusCode())
          .isEqualTo(200);
      assertThat(get(server, PROXY, ADMIN_KEY, "X-Forwarded-For", "203.0.113.5:61000").statusCode())
          .as("the same client, with a port").isEqualTo(429);

      List<String> remotes = remotes(server);
      assertThat(remotes).contains("203.0.113.5").doesNotContain("198.51.100.1", PROXY);
    });
  }

  @Test
  void anUntrustedPeerCannotChooseTheAddressItIsThrottledBy() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY).withFailureLimit(LIMIT)
        .withTrustedProxies(TrustedProxies.parse(PROXY))), (server, http) -> {
      for (int i = 0; i < 3; i++) { // a fresh spoofed address on each guess
        assertThat(get(server, STRANGER, "wrong-key-" + i, "X-Forwarded-For", "203.0.113." + (10 + i))
            .statusCode()).isEqualTo(401);
      }
      assertThat(get(server, STRANGER, ADMIN_KEY, "X-Forwarded-For", "203.0.113.99").statusCode())
          .as("throttled on its own address").isEqualTo(429);
      assertThat(get(server, STRANGER, ADMIN_KEY, "Forwarded", "for=203.0.113.98").statusCode()).isEqualTo(429);
      assertThat(remotes(server)).contains(STRANGER).noneMatch(r -> r.startsWith("203.0.113."));
    });
  }

  private static List<String> remotes(DoppelServer server) {
    return server.audit().find(e -> true, 0, 1000).stream().map(AuditEntry::remote).toList();
  }

  private static HttpResponse<String> get(DoppelServer server, String from, String key, String header, String value)
      throws Exception {
    HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName(from)).build();
    return client.send(HttpRequest.newBuilder(server.baseUri().resolve("/digitaltwins"))
        .header("Authorization", "Bearer " + key).header(header, value).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
