package io.doppel.ingest.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A socket speaking MQTT packet by packet, for what a well-behaved client library will not send (QoS 2 against a
 * server maximum of 1, garbage, silence past the keep-alive). Netty's own encoder and decoder frame the packets.
 */
final class RawMqttClient implements AutoCloseable {
  private final Socket socket;
  private final EmbeddedChannel codec = new EmbeddedChannel(new MqttDecoder(1024 * 1024), MqttEncoder.INSTANCE);

  /** Netty's codec keeps the protocol version in this channel attribute (set by its decoder on a server). */
  private static final AttributeKey<MqttVersion> VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

  RawMqttClient(int port, MqttVersion version) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    codec.attr(VERSION).set(version);
  }

  /** Connects as {@code clientId} with {@code keepAlive} seconds and answers the CONNACK's code. */
  static RawMqttClient connected(int port, MqttVersion version, String clientId, int keepAlive) throws IOException {
    RawMqttClient client = new RawMqttClient(port, version);
    client.send(io.netty.handler.codec.mqtt.MqttMessageBuilders.connect().protocolVersion(version).clientId(clientId)
        .cleanSession(true).keepAlive(keepAlive).build());
    MqttMessage ack = client.receive();
    if (!(ack instanceof io.netty.handler.codec.mqtt.MqttConnAckMessage connAck)
        || connAck.variableHeader().connectReturnCode()
            != io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_ACCEPTED) {
      throw new AssertionError("not accepted: " + ack);
    }
    return client;
  }

  void send(MqttMessage message) throws IOException {
    codec.writeOutbound(message);
    ByteBuf out;
    while ((out = codec.readOutbound()) != null) {
      byte[] bytes = new byte[out.readableBytes()];
      out.readBytes(bytes);
      out.release();
      sendBytes(bytes);
    }
  }

  void sendBytes(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  /** The next packet from the server, or null once the server closed the connection. */
  @Nullable MqttMessage receive() throws IOException {
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[4096];
    while (true) {
      MqttMessage ready = codec.readInbound();
      if (ready != null) {
        return ready;
      }
      int n;
      try {
        n = in.read(buffer);
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the server neither answered nor closed within 10 s", e);
      } catch (IOException reset) {
        return null;
      }
      if (n < 0) {
        return null;
      }
      codec.writeInbound(Unpooled.copiedBuffer(buffer, 0, n));
    }
  }

  /** Reads until the server closes the connection; answers the packets it sent meanwhile. */
  java.util.List<MqttMessage> untilClosed() throws IOException {
    java.util.List<MqttMessage> seen = new java.util.ArrayList<>();
    MqttMessage m;
    while ((m = receive()) != null) {
      seen.add(m);
    }
    return seen;
  }

  @Override
  public void close() throws IOException {
    socket.close();
    codec.finishAndReleaseAll();
  }
}
