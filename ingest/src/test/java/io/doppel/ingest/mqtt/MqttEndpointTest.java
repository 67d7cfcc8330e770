package io.doppel.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.doppel.ingest.ConventionMapping;
import io.doppel.twin.Origin;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoint over real sockets: HiveMQ's clients where they behave, a raw codec where a test needs misbehaviour. */
class MqttEndpointTest {
  EndpointFixture fixture;

  @AfterEach
  void close() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Mqtt5BlockingClient mqtt5(String id) {
    Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1")
        .serverPort(fixture.port()).buildBlocking();
    client.connect();
    return client;
  }

  private Mqtt3BlockingClient mqtt3(String id) {
    Mqtt3BlockingClient client = MqttClient.builder().useMqttVersion3().identifier(id).serverHost("127.0.0.1")
        .serverPort(fixture.port()).buildBlocking();
    client.connect();
    return client;
  }

  private static MqttMessage publish(String topic, String payload, MqttQoS qos, int packetId) {
    return MqttMessageBuilders.publish().topicName(topic).qos(qos).retained(false).messageId(packetId)
        .payload(Unpooled.wrappedBuffer(utf8(payload))).build();
  }

  @Test
  void mqtt5PublishesReachTheIngestorWithClientIdAndUserPropertiesAsHeaders() {
    fixture = new EndpointFixture();
    Mqtt5BlockingClient device = mqtt5("thermo-1");
    device.publishWith().topic("twins/room-1/telemetry").qos(MqttQos.AT_LEAST_ONCE)
        .payload(utf8("{\"temperature\": 21.5, \"humidity\": 40}"))
        .userProperties().add(ConventionMapping.SOURCE_TIME_HEADER, "2026-12-01T08:00:00Z").applyUserProperties()
        .send();
    // QoS 1 returned: the sink has answered
    assertThat(fixture.recorded).hasSize(1);
    assertThat(fixture.recorded.get(0).twinId()).isEqualTo("room-1");
    assertThat(fixture.recorded.get(0).values().path("temperature").asDouble()).isEqualTo(21.5);
    assertThat(fixture.recorded.get(0).sourceTime()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
    assertThat(fixture.presence.state("room-1").orElseThrow().source()).isEqualTo(Origin.of("mqtt", "thermo-1"));
    assertThat(fixture.endpoint.stats().qos1Acked()).isEqualTo(1);
    device.disconnect();
    await().until(() -> !fixture.presence.state("room-1").orElseThrow().online());
  }

  @Test
  void mqtt3QosZeroAndPropertyReportsAreIngestedAndBadReportsBecomeDeadLetters() {
    fixture = new EndpointFixture();
    Mqtt3BlockingClient device = mqtt3("thermo-3");
    device.publishWith().topic("twins/room-2/telemetry").qos(MqttQos.AT_MOST_ONCE)
        .payload(utf8("{\"temperature\": 19}")).send();
    device.publishWith().topic("twins/room-2/properties").qos(MqttQos.AT_LEAST_ONCE)
        .payload(utf8("{\"setPoint\": 22.5}")).send();
    assertThat(fixture.engine.getTwin("room-2").json().path("setPoint").asDouble()).isEqualTo(22.5);
    device.publishWith().topic("twins/room-2/properties").qos(MqttQos.AT_LEAST_ONCE)
        .payload(utf8("{\"setPoint\": \"warm\"}")).send(); // acknowledged: durable as a dead letter
    assertThat(fixture.deadLetters.list(0, 10, "mqtt")).singleElement()
        .satisfies(letter -> assertThat(letter.reason()).isEqualTo("VALIDATION_FAILED"));
    await().until(() -> fixture.recorded.size() == 1);
    device.disconnect();
  }

  @Test
  void qos1IsAcknowledgedInArrivalOrderAndOnlyOnceDurable() throws Exception {
    fixture = new EndpointFixture();
    CompletableFuture<Void> slow = fixture.hold("room-1");
    try (RawMqttClient raw = RawMqttClient.connected(fixture.port(), MqttVersion.MQTT_3_1_1, "raw-1", 60)) {
      raw.send(publish("twins/room-1/telemetry", "{\"temperature\": 1}", MqttQoS.AT_LEAST_ONCE, 11));
      raw.send(publish("twins/room-2/telemetry", "{\"temperature\": 2}", MqttQoS.AT_LEAST_ONCE, 12));
      raw.send(MqttMessage.PINGREQ);
      // room-2 is durable at once, but its PUBACK waits behind room-1's: the ping's answer comes first
      assertThat(raw.receive().fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGRESP);
      assertThat(fixture.recorded).hasSize(2);
      slow.complete(null);
      assertThat(((MqttPubAckMessage) raw.receive()).variableHeader().messageId()).isEqualTo(11);
      assertThat(((MqttPubAckMessage) raw.receive()).variableHeader().messageId()).isEqualTo(12);
    }
  }

  @Test
  void twinsGoOfflineAfterADisconnectEvenWhenItsLastMessagesCompleteLater() throws Exception {
    fixture = new EndpointFixture();
    CompletableFuture<Void> slow = fixture.hold("room-1");
    try (RawMqttClient raw = RawMqttClient.connected(fixture.port(), MqttVersion.MQTT_3_1_1, "leaving", 60)) {
      raw.send(publish("twins/room-2/telemetry", "{\"temperature\": 2}", MqttQoS.AT_LEAST_ONCE, 1));
      assertThat(((MqttPubAckMessage) raw.receive()).variableHeader().messageId()).isEqualTo(1);
      raw.send(publish("twins/room-1/telemetry", "{\"temperature\": 1}", MqttQoS.AT_LEAST_ONCE, 2));
      await().until(() -> fixture.recorded.size() == 2);
    } // the TCP connection drops with room-1's message still being stored
    await().until(() -> fixture.endpoint.stats().connections() == 0);
    slow.complete(null); // it completes, and marks room-1 heard, after the disconnect
    await().until(() -> !fixture.presence.state("room-1").orElseThrow().online()
        && !fixture.presence.state("room-2").orElseThrow().online());
  }

  @Test
  void aStorageFailureClosesTheConnectionWithoutPuback() throws Exception {
    fixture = new EndpointFixture();
    fixture.hold("room-1").completeExceptionally(new io.doppel.twin.DoppelException(
        io.doppel.twin.ErrorCode.STORAGE_FAILURE, "disk gone"));
    try (RawMqttClient raw = RawMqttClient.connected(fixture.port(), MqttVersion.MQTT_5, "raw-5", 60)) {
      raw.send(publish("twins/room-1/telemetry", "{\"temperature\": 1}", MqttQoS.AT_LEAST_ONCE, 5));
      List<MqttMessage> seen = raw.untilClosed();
      assertThat(seen).singleElement().satisfies(m -> {
        assertThat(m.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
        assertThat(((MqttReasonCodeAndPropertiesVariableHeader) m.variableHeader()).reasonCode())
            .isEqualTo((byte) 0x80);
      });
    }
    assertThat(fixture.endpoint.stats().storageFailures()).isEqualTo(1);
  }

  @Test
  void badCredentialsAreRefusedWithTheReasonCodeOfEachVersion() {
    fixture = new EndpointFixture(o -> o.withAuthenticator(MqttAuthenticator.token("s3cret")));
    assertThatThrownBy(() -> MqttClient.builder().useMqttVersion5().identifier("d5").serverHost("127.0.0.1")
        .serverPort(fixture.port()).buildBlocking().connectWith().simpleAuth().username("d5")
        .password(utf8("wrong")).applySimpleAuth().send())
        .isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(e.getMqttMessage().getReasonCode())
            .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
    assertThatThrownBy(() -> MqttClient.builder().useMqttVersion3().identifier("d3").serverHost("127.0.0.1")
        .serverPort(fixture.port()).buildBlocking().connect())
        .isInstanceOfSatisfying(Mqtt3ConnAckException.class, e -> assertThat(e.getMqttMessage().getReturnCode())
            .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD));
    Mqtt5BlockingClient good = MqttClient.builder().useMqttVersion5().identifier("ok").serverHost("127.0.0.1")
        .serverPort(fixture.port()).buildBlocking();
    good.connectWith().simpleAuth().username("anything").password(utf8("s3cret")).applySimpleAuth().send();
    good.disconnect();
    assertThat(fixture.endpoint.stats().connectionsRefused()).isEqualTo(2);
  }

  @Test
  void anMqtt5ConnackAdvertisesQos1NoRetainTheLimitsAndAnAssignedClientId() throws Exception {
    fixture = new EndpointFixture(o -> o.withMaxInFlight(100).withMaxPacketBytes(4096));
    try (RawMqttClient raw = new RawMqttClient(fixture.port(), MqttVersion.MQTT_5)) {
      raw.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId("").keepAlive(10)
          .cleanSession(true).build());
      MqttConnAckMessage ack = (MqttConnAckMessage) raw.receive();
      assertThat(ack.variableHeader().connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
      io.netty.handler.codec.mqtt.MqttProperties p = ack.variableHeader().properties();
      assertThat(p.getProperty(MqttPropertyType.MAXIMUM_QOS.value()).value()).isEqualTo(1);
      assertThat(p.getProperty(MqttPropertyType.RETAIN_AVAILABLE.value()).value()).isEqualTo(0);
      assertThat(p.getProperty(MqttPropertyType.RECEIVE_MAXIMUM.value()).value()).isEqualTo(100);
      assertThat(p.getProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value()).value()).isEqualTo(4096);
      assertThat((String) p.getProperty(MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value()).value())
          .startsWith("doppel-");
    }
  }

  @Test
  void mqtt31IsRefusedAsAnUnacceptableProtocolVersion() throws Exception {
    fixture = new EndpointFixture();
    try (RawMqttClient raw = new RawMqttClient(fixture.port(), MqttVersion.MQTT_3_1)) {
      raw.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1).clientId("old").keepAlive(10)
          .cleanSession(true).build());
      List<MqttMessage> seen = raw.untilClosed();
      assertThat(seen).singleElement().satisfies(m -> assertThat(((MqttConnAckMessage) m).variableHeader()
          .connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION));
    }
  }

  @Test
  void qos2IsRefusedWithReasonCode0x9bOnMqtt5AndByClosingOnMqtt311() throws Exception {
    fixture = new EndpointFixture();
    try (RawMqttClient raw = RawMqttClient.connected(fixture.port(), MqttVersion.MQTT_5, "q2-5", 60)) {
      raw.send(publish("twins/room-1/telemetry", "{\"temperature\": 1}", MqttQoS.EXACTLY_ONCE, 1));
      assertThat(raw.untilClosed()).singleElement().satisfies(m -> assertThat(
          ((MqttReasonCodeAndPropertiesVariableHeader) m.variableHeader()).reasonCode()).isEqualTo((byte) 0x9B));
    }
    try (RawMqttClient raw = RawMqttClient.connected(fixture.port(), MqttVersion.MQTT_3_1_1, "q2-3", 60)) {
      raw.send(publish("twins/room-1/telemetry", "{\"temperature\": 1}", MqttQoS.EXACTLY_ONCE, 1));
      assertThat(raw.untilClosed()).isEmpty();
    }
    assertThat(fixture.recorded).isEmpty();
    assertThat(fixture.endpoint.stats().publishesRefused()).isEqualTo(2);
  }

  @Test
  void aClientSilentPastOneAndAHalfKeepAlivesIsDisconnected() throws Exception {
    fixture = new EndpointFixture();
    try (RawMqttClient raw = RawMqttClient.connected(fixture.port(), MqttVersion.MQTT_5, "sleepy", 1)) {
      List<MqttMessage> seen = raw.untilClosed(); // sends nothing, not even PINGREQ
      assertThat(seen).singleElement().satisfies(m -> assertThat(
          ((MqttReasonCodeAndPropertiesVariableHeader) m.variableHeader()).reasonCode()).isEqualTo((byte) 0x8D));
    }
    assertThat(fixture.endpoint.stats().keepAliveTimeouts()).isEqualTo(1);
  }

  @Test
  void garbageAndOversizedPacketsCloseOnlyTheirOwnConnection() throws Exception {
    fixture = new EndpointFixture(o -> o.withMaxPacketBytes(1024));
    Mqtt5BlockingClient healthy = mqtt5("healthy");
    try (RawMqttClient raw = new RawMqttClient(fixture.port(), MqttVersion.MQTT_3_1_1)) {
      raw.sendBytes(utf8("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
      assertThat(raw.untilClosed()).isEmpty();
    }
    try (RawMqttClient raw = RawMqttClient.connected(fixture.port(), MqttVersion.MQTT_5, "big", 60)) {
      // a PUBLISH announcing 2 MiB: refused from its header, its body never sent
      raw.sendBytes(new byte[] {0x30, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01});
      assertThat(raw.untilClosed()).singleElement().satisfies(m -> assertThat(
          ((MqttReasonCodeAndPropertiesVariableHeader) m.variableHeader()).reasonCode()).isEqualTo((byte) 0x95));
    }
    healthy.publishWith().topic("twins/room-3/telemetry").qos(MqttQos.AT_LEAST_ONCE)
        .payload(utf8("{\"temperature\": 3}")).send();
    assertThat(fixture.recorded).extracting(EndpointFixture.Recorded::twinId).containsExactly("room-3");
    assertThat(fixture.endpoint.stats().protocolErrors()).isEqualTo(2);
    healthy.disconnect();
  }

  @Test
  void anMqtt5ClientPastTheReceiveMaximumIsDisconnected() throws Exception {
    fixture = new EndpointFixture(o -> o.withMaxInFlight(2));
    fixture.hold("room-1");
    try (RawMqttClient raw = RawMqttClient.connected(fixture.port(), MqttVersion.MQTT_5, "greedy", 60)) {
      for (int id = 1; id <= 3; id++) {
        raw.send(publish("twins/room-1/telemetry", "{\"temperature\": 1}", MqttQoS.AT_LEAST_ONCE, id));
      }
      assertThat(raw.untilClosed()).singleElement().satisfies(m -> assertThat(
          ((MqttReasonCodeAndPropertiesVariableHeader) m.variableHeader()).reasonCode()).isEqualTo((byte) 0x93));
    }
  }

  @Test
  void aNewConnectionWithTheSameClientIdTakesTheSessionOverAndTheTwinStaysOnline() {
    fixture = new EndpointFixture();
    Mqtt5BlockingClient first = mqtt5("same");
    first.publishWith().topic("twins/room-1/telemetry").qos(MqttQos.AT_LEAST_ONCE)
        .payload(utf8("{\"temperature\": 1}")).send();
    Mqtt5BlockingClient second = mqtt5("same");
    await().until(() -> !first.getState().isConnected());
    assertThat(fixture.presence.state("room-1").orElseThrow().online()).isTrue();
    second.disconnect();
    await().until(() -> !fixture.presence.state("room-1").orElseThrow().online());
  }

  @Test
  void subscriptionsOutsideTheDownlinkFamiliesGetAFailureCode() {
    fixture = new EndpointFixture();
    Mqtt5BlockingClient device = mqtt5("sub");
    // HiveMQ's client raises a SUBACK with any error code as an exception that carries the SUBACK
    Throwable refused = catchThrowable(() -> device.subscribeWith()
        .addSubscription().topicFilter("twins/room-1/desired").qos(MqttQos.AT_LEAST_ONCE).applySubscription()
        .addSubscription().topicFilter("twins/room-1/telemetry").qos(MqttQos.AT_LEAST_ONCE).applySubscription()
        .addSubscription().topicFilter("twins/+/commands/+").qos(MqttQos.EXACTLY_ONCE).applySubscription()
        .send());
    assertThat(refused).isInstanceOf(Mqtt5SubAckException.class);
    Mqtt5SubAck ack = ((Mqtt5SubAckException) refused).getMqttMessage();
    assertThat(ack.getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1,
        Mqtt5SubAckReasonCode.TOPIC_FILTER_INVALID, Mqtt5SubAckReasonCode.GRANTED_QOS_1);
    assertThat(ack.getReasonString().orElseThrow().toString()).contains("twins/room-1/telemetry");
    device.disconnect();
  }

  @Test
  void desiredPropertiesReachSubscribersButAreNotEchoedToTheDeviceThatReportedThem() throws Exception {
    fixture = new EndpointFixture();
    Mqtt5BlockingClient reporter = mqtt5("reporter");
    Mqtt5BlockingClient watcher = mqtt5("watcher");
    reporter.subscribeWith().topicFilter("twins/room-1/desired").qos(MqttQos.AT_LEAST_ONCE).send();
    watcher.subscribeWith().topicFilter("twins/+/desired").qos(MqttQos.AT_MOST_ONCE).send();
    try (Mqtt5BlockingClient.Mqtt5Publishes toReporter = reporter.publishes(MqttGlobalPublishFilter.ALL);
        Mqtt5BlockingClient.Mqtt5Publishes toWatcher = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
      reporter.publishWith().topic("twins/room-1/properties").qos(MqttQos.AT_LEAST_ONCE)
          .payload(utf8("{\"setPoint\": 20}")).send();
      Mqtt5Publish seenByWatcher = toWatcher.receive(10, TimeUnit.SECONDS).orElseThrow();
      assertThat(new String(seenByWatcher.getPayloadAsBytes(), StandardCharsets.UTF_8))
          .isEqualTo("[{\"op\":\"add\",\"path\":\"/setPoint\",\"value\":20}]");

      fixture.engine.patchTwinAsync("room-1", (com.fasterxml.jackson.databind.node.ArrayNode)
          io.doppel.ingest.Payloads.MAPPER.readTree("[{\"op\":\"replace\",\"path\":\"/setPoint\",\"value\":23.5}]"),
          io.doppel.twin.Precondition.none(), Origin.API).join();
      // the first message the reporter gets is the API's change, not its own report
      Mqtt5Publish seenByReporter = toReporter.receive(10, TimeUnit.SECONDS).orElseThrow();
      assertThat(seenByReporter.getTopic().toString()).isEqualTo("twins/room-1/desired");
      assertThat(new String(seenByReporter.getPayloadAsBytes(), StandardCharsets.UTF_8)).contains("23.5");
      assertThat(seenByReporter.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
      assertThat(seenByReporter.getUserProperties().asList()).anySatisfy(p -> {
        assertThat(p.getName().toString()).isEqualTo("origin");
        assertThat(p.getValue().toString()).isEqualTo("api");
      });
      assertThat(toWatcher.receive(10, TimeUnit.SECONDS)).isPresent();
    }
    reporter.disconnect();
    watcher.disconnect();
  }

  @Test
  void commandsReachEverySubscribedSessionAndCountThem() throws Exception {
    fixture = new EndpointFixture();
    Mqtt5AsyncClient device = MqttClient.builder().useMqttVersion5().identifier("cmd").serverHost("127.0.0.1")
        .serverPort(fixture.port()).buildAsync();
    device.connect().get(10, TimeUnit.SECONDS);
    CompletableFuture<Mqtt5Publish> received = new CompletableFuture<>();
    device.subscribeWith().topicFilter("twins/room-2/commands/+").qos(MqttQos.AT_LEAST_ONCE)
        .callback(received::complete).send().get(10, TimeUnit.SECONDS);
    assertThat(fixture.endpoint.sendCommand("room-1", "reboot", utf8("{}"))).isZero();
    assertThat(fixture.endpoint.sendCommand("room-2", "reboot", utf8("{\"delay\":5}"))).isEqualTo(1);
    Mqtt5Publish command = received.get(10, TimeUnit.SECONDS);
    assertThat(command.getTopic().toString()).isEqualTo("twins/room-2/commands/reboot");
    assertThat(new String(command.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"delay\":5}");
    device.disconnect().get(10, TimeUnit.SECONDS);
    assertThat(fixture.endpoint.stats().downlinkSent()).isEqualTo(1);
  }
}
