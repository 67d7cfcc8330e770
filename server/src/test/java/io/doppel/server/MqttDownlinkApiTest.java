package io.doppel.server;

import static io.doppel.server.MqttDevices.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Desired properties and commands going down to subscribed devices, triggered over HTTP. */
class MqttDownlinkApiTest {
  @Test
  void anHttpPatchReachesTheDesiredTopicButADevicesOwnReportIsNotEchoed() throws Exception {
    TestServer.withMqtt(c -> c, (server, http) -> {
      HistoryApiTest.meter(http, "m1");
      Mqtt5BlockingClient device = MqttDevices.mqtt5(server, "meter-1");
      device.subscribeWith().topicFilter("twins/m1/desired").qos(MqttQos.AT_LEAST_ONCE).send();
      try (Mqtt5BlockingClient.Mqtt5Publishes received = device.publishes(MqttGlobalPublishFilter.ALL)) {
        device.publishWith().topic("twins/m1/properties").qos(MqttQos.AT_LEAST_ONCE)
            .payload(utf8("{\"limit\": 10}")).send();
        Http.Response patched = http.patch("/digitaltwins/m1", "[{\"op\":\"replace\",\"path\":\"/limit\",\"value\":12}]");
        assertThat(patched.status()).as(patched.text()).isEqualTo(204);
        Mqtt5Publish desired = received.receive(10, TimeUnit.SECONDS).orElseThrow();
        assertThat(desired.getTopic().toString()).isEqualTo("twins/m1/desired");
        assertThat(new String(desired.getPayloadAsBytes(), StandardCharsets.UTF_8))
            .isEqualTo("[{\"op\":\"replace\",\"path\":\"/limit\",\"value\":12}]");
      }
      device.disconnect();
    });
  }

  @Test
  void commandsGoToSubscribedDevicesAnd404WhenNobodyListens() throws Exception {
    TestServer.withMqtt(c -> c, (server, http) -> {
      HistoryApiTest.meter(http, "m1");
      HistoryApiTest.meter(http, "m2");
      Mqtt3BlockingClient device = MqttDevices.mqtt3(server, "meter-1");
      device.subscribeWith().topicFilter("twins/m1/commands/+").qos(MqttQos.AT_LEAST_ONCE).send();
      try (Mqtt3BlockingClient.Mqtt3Publishes received = device.publishes(MqttGlobalPublishFilter.ALL)) {
        Http.Response sent = http.post("/digitaltwins/m1/commands/reboot", "{\"delay\": 5}");
        assertThat(sent.status()).as(sent.text()).isEqualTo(202);
        JsonNode body = sent.json();
        assertThat(body.path("deliveredTo").asInt()).isEqualTo(1);
        assertThat(body.path("topic").asText()).isEqualTo("twins/m1/commands/reboot");
        Mqtt3Publish command = received.receive(10, TimeUnit.SECONDS).orElseThrow();
        assertThat(command.getTopic().toString()).isEqualTo("twins/m1/commands/reboot");
        assertThat(new String(command.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"delay\":5}");

        Http.Response empty = http.send("POST", "/digitaltwins/m1/commands/ping", null, "application/json");
        assertThat(empty.status()).as(empty.text()).isEqualTo(202);
        assertThat(received.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes()).isEmpty();
      }
      Http.Response nobody = http.post("/digitaltwins/m2/commands/reboot", "{}");
      assertThat(nobody.status()).isEqualTo(404);
      assertThat(nobody.errorCode()).isEqualTo("COMMAND_NOT_DELIVERED");
      assertThat(nobody.text()).contains("twins/m2/commands/reboot");
      assertThat(http.post("/digitaltwins/ghost/commands/reboot", "{}").errorCode()).isEqualTo("TWIN_NOT_FOUND");
      Http.Response wildcard = http.post("/digitaltwins/m1/commands/re%23boot", "{}");
      assertThat(wildcard.status()).isEqualTo(400);
      assertThat(wildcard.targets()).contains("name");
      Http.Response notJson = http.post("/digitaltwins/m1/commands/reboot", "{oops");
      assertThat(notJson.errorCode()).isEqualTo("INVALID_JSON");
      device.disconnect();
    });
  }

  @Test
  void withMqttOffACommandIsNotDelivered() throws Exception {
    TestServer.test((server, http) -> {
      HistoryApiTest.meter(http, "m1");
      assertThat(server.mqttPort()).isEqualTo(-1);
      Http.Response response = http.post("/digitaltwins/m1/commands/reboot", "{}");
      assertThat(response.status()).isEqualTo(404);
      assertThat(response.errorCode()).isEqualTo("COMMAND_NOT_DELIVERED");
      assertThat(response.text()).contains("--mqtt-port");
    });
  }
}
