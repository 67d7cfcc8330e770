package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.doppel.server.auth.AuthConfig;
import io.doppel.server.auth.FailureLimit;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Failed authentications from one address (bad API keys, bad JWTs, bad logins, MQTT CONNECTs with a bad password)
 * throttle that address: past the limit its requests get 429 {@code AUTH_THROTTLED} with {@code Retry-After} even
 * with a valid key, its CONNECTs are refused, the refusals are audited, and callers at another address go on.
 */
class AuthThrottleApiTest {
  private static final String ADMIN_KEY = "admin-key-for-tests-0123456789";
  private static final FailureLimit LIMIT = new FailureLimit(4, Duration.ofMinutes(10));

  private static HttpResponse<String> from(String localAddress, DoppelServer server, String path, String key)
      throws Exception {
    HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName(localAddress)).build();
    return client.send(HttpRequest.newBuilder(server.baseUri().resolve(path)).header("Authorization", "Bearer " + key)
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anAddressFailingTooOftenGets429WithoutItsCredentialsCheckedAndOthersGoOn() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY).withFailureLimit(LIMIT)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      String attacker = "127.0.0.2"; // Linux routes all of 127/8 to loopback: a second client address
      String[] guesses = {"dpk_0123456789abcdef_" + "A".repeat(43), "not-a-key-at-all-but-long", "eyJhbGciOiJSUzI1NiJ9.e30.x"};
      for (String guess : guesses) {
        assertThat(from(attacker, server, "/digitaltwins", guess).statusCode()).isEqualTo(401);
      }
      assertThat(from(attacker, server, "/digitaltwins", "").statusCode()).isEqualTo(401); // missing: not a guess
      assertThat(from(attacker, server, "/digitaltwins", ADMIN_KEY).statusCode()).isEqualTo(200);
      assertThat(from(attacker, server, "/digitaltwins", "yet-another-wrong-key").statusCode()).isEqualTo(401);

      HttpResponse<String> throttled = from(attacker, server, "/digitaltwins", ADMIN_KEY); // valid, but not checked
      assertThat(throttled.statusCode()).as(throttled.body()).isEqualTo(429);
      assertThat(throttled.headers().firstValue("Retry-After").map(Long::parseLong).orElseThrow())
          .isBetween(1L, 600L);
      assertThat(Http.MAPPER.readTree(throttled.body()).path("error").path("code").asText())
          .isEqualTo("AUTH_THROTTLED");

      // the other address (the test's own client, on 127.0.0.1) is not concerned
      assertThat(admin.get("/digitaltwins").status()).isEqualTo(200);
      assertThat(from("127.0.0.1", server, "/digitaltwins", ADMIN_KEY).statusCode()).isEqualTo(200);

      Http.Response audit = admin.get("/audit?limit=1000");
      assertThat(audit.json().path("value").findValuesAsText("outcome")).contains("throttled");
      assertThat(audit.text()).contains(attacker);
    });
  }

  @Test
  void badLoginsThrottleTheLoginRoute() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY).withFailureLimit(LIMIT)), (server, http) -> {
      for (int i = 0; i < LIMIT.maxFailures(); i++) {
        assertThat(http.post("/auth/login", "{\"apiKey\":\"wrong-key-" + i + "\"}").status()).isEqualTo(401);
      }
      Http.Response refused = http.post("/auth/login", "{\"apiKey\":\"" + ADMIN_KEY + "\"}");
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.errorCode()).isEqualTo("AUTH_THROTTLED");
      assertThat(refused.targets()).contains("Retry-After");
    });
  }

  @Test
  void badMqttPasswordsThrottleConnectsFromThatAddress() throws Exception {
    TestServer.withMqtt(c -> c.withAuth(AuthConfig.required(ADMIN_KEY).withFailureLimit(LIMIT)), (server, http) -> {
      for (int i = 0; i < LIMIT.maxFailures(); i++) {
        String id = "d" + i;
        assertThatThrownBy(() -> connect(server, id, "dpk_nope_" + id))
            .isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(e.getMqttMessage().getReasonCode())
                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
      }
      assertThatThrownBy(() -> connect(server, "good", ADMIN_KEY))
          .isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(e.getMqttMessage().getReasonCode())
              .isEqualTo(Mqtt5ConnAckReasonCode.CONNECTION_RATE_EXCEEDED));
      // HTTP from the same address is throttled too: one count per address
      assertThat(http.get("/digitaltwins", "Authorization", "Bearer " + ADMIN_KEY).errorCode())
          .isEqualTo("AUTH_THROTTLED");
    });
  }

  private static void connect(DoppelServer server, String clientId, String password) {
    var client = MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost("127.0.0.1")
        .serverPort(server.mqttPort()).buildBlocking();
    client.connectWith().simpleAuth().username(clientId).password(password.getBytes(StandardCharsets.UTF_8))
        .applySimpleAuth().send();
    client.disconnect();
  }
}
