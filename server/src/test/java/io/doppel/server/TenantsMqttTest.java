package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.doppel.server.auth.AuthConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Devices of two tenants on the one MQTT endpoint, even with the same client id and topics, land in their own
 * tenant; a command reaches only its own tenant's device.
 */
class TenantsMqttTest {
  private static Mqtt5BlockingClient device(DoppelServer server, String clientId, String key) {
    Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier(clientId)
        .serverHost("127.0.0.1").serverPort(server.mqttPort()).buildBlocking();
    client.connectWith().simpleAuth().username(clientId).password(key.getBytes(StandardCharsets.UTF_8))
        .applySimpleAuth().send();
    return client;
  }

  private static String deviceKey(Http tenantAdmin, String tenant) {
    assertThat(tenantAdmin.put("/auth/policies/devices", "{\"roles\":[\"device\"],\"actions\":[\"write\"]}")
        .status()).isEqualTo(200);
    return TenantsApiTest.key(tenantAdmin, tenant, "device");
  }

  @Test
  void devicesOfTwoTenantsLandInTheirOwnTenant() throws Exception {
    TestServer.withMqtt(c -> c.withAuth(AuthConfig.required(TenantsApiTest.ADMIN_KEY)), (server, http) -> {
      Http platform = TenantsApiTest.as(http, TenantsApiTest.ADMIN_KEY);
      Http acme = TenantsApiTest.as(http, TenantsApiTest.tenantAdmin(platform, "acme"));
      Http globex = TenantsApiTest.as(http, TenantsApiTest.tenantAdmin(platform, "globex"));
      HistoryApiTest.meter(acme, "m1");
      HistoryApiTest.meter(globex, "m1");
      String from = Instant.now().minusSeconds(60).toString();
      // the same client id in both tenants: neither connection takes the other over
      Mqtt5BlockingClient acmeDevice = device(server, "meter", deviceKey(acme, "acme"));
      Mqtt5BlockingClient globexDevice = device(server, "meter", deviceKey(globex, "globex"));
      try (Mqtt5BlockingClient.Mqtt5Publishes commands = globexDevice.publishes(
          com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
        globexDevice.subscribeWith().topicFilter("twins/m1/commands/+").qos(MqttQos.AT_LEAST_ONCE).send();
        acmeDevice.publishWith().topic("twins/m1/telemetry").qos(MqttQos.AT_LEAST_ONCE)
            .payload("{\"power\": 1.25}".getBytes(StandardCharsets.UTF_8)).send();
        globexDevice.publishWith().topic("twins/m1/telemetry").qos(MqttQos.AT_LEAST_ONCE)
            .payload("{\"power\": 8.5}".getBytes(StandardCharsets.UTF_8)).send();
        // acknowledged means durable: readable at once, each in its own tenant
        assertThat(powers(acme, from)).containsExactly(1.25);
        assertThat(powers(globex, from)).containsExactly(8.5);
        assertThat(powers(platform, from)).isEmpty(); // the default tenant has no m1 at all

        // acme's command finds no acme device listening; globex's reaches globex's device
        assertThat(acme.post("/digitaltwins/m1/commands/reboot", "{}").errorCode())
            .isEqualTo("COMMAND_NOT_DELIVERED");
        Http.Response sent = globex.post("/digitaltwins/m1/commands/reboot", "{\"delay\":1}");
        assertThat(sent.status()).as(sent.text()).isEqualTo(202);
        Optional<Mqtt5Publish> received = commands.receive(20, TimeUnit.SECONDS);
        assertThat(received).isPresent();
        assertThat(received.get().getTopic().toString()).isEqualTo("twins/m1/commands/reboot");
      }
      assertThat(acmeDevice.getState().isConnected()).isTrue();
      acmeDevice.disconnect();
      globexDevice.disconnect();

      // a deleted tenant's devices are refused (their keys are revoked)
      String key = deviceKey(acme, "acme");
      assertThat(platform.delete("/tenants/acme").status()).isEqualTo(204);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> device(server, "late", key))
          .isInstanceOf(com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException.class);
    });
  }

  private static List<Double> powers(Http tenant, String from) {
    String to = Instant.now().plusSeconds(3600).toString();
    List<Double> out = new ArrayList<>();
    Http.Response history = tenant.get("/digitaltwins/m1/history?name=power&from=" + from + "&to=" + to);
    history.json().path("points").forEach(p -> out.add(p.path("v").asDouble()));
    return out;
  }
}
