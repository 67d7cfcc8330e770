package io.doppel.ingest.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed conversations for the MQTT fuzzers, encoded by Netty's own {@link MqttEncoder}: a CONNECT (3.1.1 or 5,
 * with credentials and properties) followed by publishes at QoS 0 and 1, subscriptions, PUBACK, PINGREQ and
 * DISCONNECT, each conversation as the bytes a client would send.
 */
final class MqttSeeds {
  private MqttSeeds() {}

  static List<byte[]> conversations() {
    List<byte[]> out = new ArrayList<>();
    for (MqttVersion version : List.of(MqttVersion.MQTT_3_1_1, MqttVersion.MQTT_5)) {
      out.add(encode(version, List.of(connect(version, "dev-1"), publish("twins/room-1/telemetry", 0, 0,
          "{\"temperature\":21.5}"), publish("twins/room-2/telemetry", 1, 7, "{\"humidity\":40}"),
          MqttMessage.PINGREQ, MqttMessage.DISCONNECT)));
      out.add(encode(version, List.of(connect(version, ""), subscribe("twins/room-1/commands/#", 3),
          publish("twins/room-1/properties/reported", 1, 9, "{\"setPoint\":20}"),
          MqttMessageBuilders.pubAck().packetId(1).build(),
          MqttMessageBuilders.unsubscribe().addTopicFilter("twins/room-1/commands/#").messageId(4).build())));
      out.add(encode(version, List.of(connect(version, "dev-2"), publish("twins/room-3/telemetry", 1, 1,
          "{\"temperature\":\"hot\"}"), publish("nobody/listens", 0, 0, "not json"))));
    }
    return out;
  }

  /** Tokens for the dictionary: packet type bytes, long remaining lengths, protocol names and topics. */
  static List<byte[]> dictionary() {
    List<byte[]> out = new ArrayList<>();
    for (int type : new int[] {0x10, 0x20, 0x30, 0x32, 0x34, 0x3B, 0x40, 0x62, 0x82, 0x90, 0xA2, 0xC0, 0xE0, 0xF0}) {
      out.add(new byte[] {(byte) type});
    }
    out.add(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F});
    out.add(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01});
    out.add(new byte[] {0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05});
    out.add(new byte[] {0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', 0x03});
    out.add(new byte[] {(byte) 0xFF, (byte) 0xFF});
    out.add(new byte[] {0x00, 0x00});
    for (String text : List.of("twins/", "/telemetry", "/properties/reported", "#", "+", "$SYS", "\u0000")) {
      out.add(text.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private static MqttMessage connect(MqttVersion version, String clientId) {
    MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect().protocolVersion(version)
        .clientId(clientId).cleanSession(true).keepAlive(30).username("user").password("secret"
        .getBytes(StandardCharsets.UTF_8));
    if (version == MqttVersion.MQTT_5) {
      MqttProperties properties = new MqttProperties();
      properties.add(new MqttProperties.IntegerProperty(
          MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value(), 10));
      properties.add(new MqttProperties.UserProperty("site", "north"));
      connect.properties(properties);
    }
    return connect.build();
  }

  private static MqttMessage publish(String topic, int qos, int packetId, String payload) {
    return MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.valueOf(qos)).messageId(packetId)
        .payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)).build();
  }

  private static MqttMessage subscribe(String filter, int packetId) {
    return MqttMessageBuilders.subscribe().addSubscription(MqttQoS.AT_LEAST_ONCE, filter).messageId(packetId)
        .build();
  }

  /** Encodes the messages in order on one channel, so the encoder writes the version the CONNECT chose. */
  private static byte[] encode(MqttVersion version, List<MqttMessage> messages) {
    EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (MqttMessage message : messages) {
      channel.writeOutbound(message);
      ByteBuf encoded;
      while ((encoded = channel.readOutbound()) != null) {
        out.writeBytes(ByteBufUtil.getBytes(encoded));
        encoded.release();
      }
    }
    channel.finishAndReleaseAll();
    return out.toByteArray();
  }
}
