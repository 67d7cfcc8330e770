package io.doppel.server;

import static io.doppel.server.MqttDevices.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import io.doppel.ingest.ConventionMapping;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Devices publishing over MQTT to a whole server: history, twins, dead letters, connection state, auth, TLS. */
class MqttIngestApiTest {
  private static final String FROM = HistoryApiTest.FROM;
  private static final String TO = HistoryApiTest.TO;

  private static String history(String id, String name, String from, String to) {
    return "/digitaltwins/" + id + "/history?name=" + name + "&from=" + from + "&to=" + to;
  }

  @Test
  void conventionTelemetryFromMqtt5AndMqtt3ClientsLandsInHistory() throws Exception {
    TestServer.withMqtt(c -> c, (server, http) -> {
      HistoryApiTest.meter(http, "m1");
      HistoryApiTest.meter(http, "m2");
      Mqtt5BlockingClient five = MqttDevices.mqtt5(server, "meter-5");
      for (int i = 0; i < 3; i++) {
        five.publishWith().topic("twins/m1/telemetry").qos(MqttQos.AT_LEAST_ONCE)
            .payload(utf8("{\"power\": " + (1.5 + i) + ", \"voltage\": 230}"))
            .userProperties().add(ConventionMapping.SOURCE_TIME_HEADER,
                Instant.parse(FROM).plusSeconds(60L * i).toString()).applyUserProperties()
            .send();
      }
      // acknowledged means durable: the points are readable at once
      JsonNode power = http.get(history("m1", "power", FROM, TO)).json();
      assertThat(power.path("points")).hasSize(3);
      assertThat(power.path("points").get(2).path("v").asDouble()).isEqualTo(3.5);
      assertThat(http.get(history("m1", "voltage", FROM, TO)).json().path("points")).hasSize(3);

      Mqtt3BlockingClient three = MqttDevices.mqtt3(server, "meter-3");
      three.publishWith().topic("twins/m2/telemetry").qos(MqttQos.AT_LEAST_ONCE)
          .payload(utf8("{\"power\": 7.25}")).send();
      String now = Instant.now().toString();
      String from = Instant.now().minusSeconds(3600).toString();
      String to = Instant.now().plusSeconds(3600).toString();
      JsonNode points = http.get(history("m2", "power", from, to)).json().path("points");
      assertThat(points).hasSize(1);
      assertThat(points.get(0).path("v").asDouble()).isEqualTo(7.25);
      assertThat(now).isNotEmpty();
      five.disconnect();
      three.disconnect();
    });
  }

  @Test
  void propertyReportsPatchTheTwinAndBadOnesBecomeAcknowledgedDeadLetters() throws Exception {
    TestServer.withMqtt(c -> c, (server, http) -> {
      HistoryApiTest.meter(http, "m1");
      Mqtt5BlockingClient device = MqttDevices.mqtt5(server, "meter-1");
      device.publishWith().topic("twins/m1/properties").qos(MqttQos.AT_LEAST_ONCE)
          .payload(utf8("{\"limit\": 42.5}")).send();
      assertThat(http.get("/digitaltwins/m1").json().path("limit").asDouble()).isEqualTo(42.5);

      Mqtt5PubAck ack = ((Mqtt5PublishResult.Mqtt5Qos1Result) device.publishWith().topic("twins/m1/properties")
          .qos(MqttQos.AT_LEAST_ONCE).payload(utf8("{\"limit\": \"high\"}")).send()).getPubAck();
      assertThat(ack.getReasonString().orElseThrow().toString()).contains("dead letter").contains("VALIDATION_FAILED");
      device.publishWith().topic("twins/m1/telemetry").qos(MqttQos.AT_LEAST_ONCE)
          .payload(utf8("{\"power\": \"lots\"}")).send();
      device.publishWith().topic("somewhere/else").qos(MqttQos.AT_LEAST_ONCE).payload(utf8("{}")).send();
      assertThat(server.ingestor().deadLetters().list(0, 10, "mqtt"))
          .extracting(letter -> letter.reason() + " " + letter.source() + " " + letter.topic())
          .containsExactly("VALIDATION_FAILED meter-1 twins/m1/properties",
              "VALIDATION_FAILED meter-1 twins/m1/telemetry", "NO_MAPPING meter-1 somewhere/else");
      assertThat(http.get("/digitaltwins/m1").json().path("limit").asDouble()).isEqualTo(42.5);
      device.disconnect();
    });
  }

  @Test
  void disconnectingAndGoingSilentTakeTheTwinOffline() throws Exception {
    TestServer.withMqtt(c -> c, (server, http) -> {
      HistoryApiTest.meter(http, "m1");
      HistoryApiTest.meter(http, "m2");
      Mqtt5BlockingClient polite = MqttDevices.mqtt5(server, "polite");
      polite.publishWith().topic("twins/m1/telemetry").qos(MqttQos.AT_LEAST_ONCE)
          .payload(utf8("{\"power\": 1}")).send();
      JsonNode online = http.get("/digitaltwins/m1/connection").json();
      assertThat(online.path("online").asBoolean()).isTrue();
      assertThat(online.path("source").path("channel").asText()).isEqualTo("mqtt");
      assertThat(online.path("source").path("source").asText()).isEqualTo("polite");
      polite.disconnect();
      await().until(() -> !http.get("/digitaltwins/m1/connection").json().path("online").asBoolean());

      try (Socket silent = MqttDevices.rawConnected(server, "silent", 1)) {
        silent.getOutputStream().write(MqttDevices.qos0Publish("twins/m2/telemetry", "{\"power\": 2}"));
        await().until(() -> http.get("/digitaltwins/m2/connection").json().path("online").asBoolean());
        // then nothing, not even PINGREQ: the server closes it after 1.5 s and the twin goes offline
        assertThat(MqttDevices.closedByServer(silent)).isTrue();
      }
      await().until(() -> !http.get("/digitaltwins/m2/connection").json().path("online").asBoolean());
      assertThat(http.get("/metrics").text()).contains("doppel_mqtt_keepalive_timeouts_total 1.0");
    });
  }

  @Test
  void garbageOnOneConnectionClosesItAndHarmsNoOther() throws Exception {
    TestServer.withMqtt(c -> c, (server, http) -> {
      HistoryApiTest.meter(http, "m1");
      Mqtt5BlockingClient healthy = MqttDevices.mqtt5(server, "healthy");
      try (Socket garbage = new Socket("127.0.0.1", server.mqttPort())) {
        garbage.setSoTimeout(10_000);
        garbage.getOutputStream().write(new byte[] {(byte) 0xF7, 0x13, 0x37, 0x00, 0x42, (byte) 0xFF, 0x01});
        assertThat(MqttDevices.closedByServer(garbage)).isTrue();
      }
      try (Socket bad = MqttDevices.rawConnected(server, "bad", 60)) {
        bad.getOutputStream().write(new byte[] {0x36, 0x00}); // a PUBLISH with QoS 3
        assertThat(MqttDevices.closedByServer(bad)).isTrue();
      }
      healthy.publishWith().topic("twins/m1/telemetry").qos(MqttQos.AT_LEAST_ONCE)
          .userProperties().add(ConventionMapping.SOURCE_TIME_HEADER, FROM).applyUserProperties()
          .payload(utf8("{\"power\": 9}")).send();
      assertThat(http.get(history("m1", "power", FROM, TO)).json().path("points")).hasSize(1);
      assertThat(http.get("/metrics").text()).contains("doppel_mqtt_protocol_errors_total 2.0");
      healthy.disconnect();
    });
  }

  @Test
  void theServersTokenIsTheMqttPasswordAndBadCredentialsAreRefused() throws Exception {
    TestServer.withMqtt(c -> c.withToken("t0ken"), (server, http) -> {
      assertThatThrownBy(() -> MqttClient.builder().useMqttVersion5().identifier("d5").serverHost("127.0.0.1")
          .serverPort(server.mqttPort()).buildBlocking().connectWith().simpleAuth().username("d5")
          .password(utf8("guess")).applySimpleAuth().send())
          .isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(e.getMqttMessage().getReasonCode())
              .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
      assertThatThrownBy(() -> MqttClient.builder().useMqttVersion3().identifier("d3").serverHost("127.0.0.1")
          .serverPort(server.mqttPort()).buildBlocking().connect())
          .isInstanceOfSatisfying(Mqtt3ConnAckException.class, e -> assertThat(e.getMqttMessage().getReturnCode())
              .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD));
      Mqtt3BlockingClient good = MqttClient.builder().useMqttVersion3().identifier("d3").serverHost("127.0.0.1")
          .serverPort(server.mqttPort()).buildBlocking();
      good.connectWith().simpleAuth().username("meter").password(utf8("t0ken")).applySimpleAuth().send();
      good.disconnect();
      String metrics = http.withHeader("Authorization", "Bearer t0ken").get("/metrics").text();
      assertThat(metrics).contains("doppel_mqtt_connections_refused_total 2.0")
          .contains("doppel_mqtt_connections_accepted_total 1.0");
    });
  }

  @Test
  void withAKeystoreMqttSpeaksTls(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("doppel.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "doppel", "-keyalg", "EC",
        "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keystore)) {
      trust.load(in, "changeit".toCharArray());
    }
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    TestServer.withMqtt(c -> c.withTls(keystore, "changeit"), (server, http) -> {
      assertThat(server.mqttUri().toString()).startsWith("mqtts://");
      Mqtt5BlockingClient device = MqttClient.builder().useMqttVersion5().identifier("tls-device")
          .serverHost("127.0.0.1").serverPort(server.mqttPort())
          .sslConfig().trustManagerFactory(trustManagers).applySslConfig().buildBlocking();
      device.connect();
      device.publishWith().topic("twins/none/telemetry").qos(MqttQos.AT_LEAST_ONCE).payload(utf8("{}")).send();
      assertThat(server.ingestor().deadLetters().count()).isEqualTo(1); // reached the ingestor over TLS
      device.disconnect();
      // a plain-TCP client gets nowhere
      assertThatThrownBy(() -> MqttClient.builder().useMqttVersion5().identifier("plain").serverHost("127.0.0.1")
          .serverPort(server.mqttPort()).buildBlocking().connect()).isInstanceOf(RuntimeException.class);
    });
  }
}
