package io.doppel.server;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Devices for the end-to-end tests: HiveMQ's MQTT 5 and 3 clients, and a bare socket for misbehaviour. */
final class MqttDevices {
  private MqttDevices() {}

  static Mqtt5BlockingClient mqtt5(DoppelServer server, String clientId) {
    Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier(clientId)
        .serverHost("127.0.0.1").serverPort(server.mqttPort()).buildBlocking();
    client.connect();
    return client;
  }

  static Mqtt3BlockingClient mqtt3(DoppelServer server, String clientId) {
    Mqtt3BlockingClient client = MqttClient.builder().useMqttVersion3().identifier(clientId)
        .serverHost("127.0.0.1").serverPort(server.mqttPort()).buildBlocking();
    client.connect();
    return client;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A socket that sent an MQTT 3.1.1 CONNECT (clean session, {@code keepAlive} seconds) and read its CONNACK. */
  static Socket rawConnected(DoppelServer server, String clientId, int keepAlive) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.mqttPort());
    socket.setSoTimeout(10_000);
    byte[] id = utf8(clientId);
    byte[] variable = {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, (byte) (keepAlive >> 8), (byte) keepAlive,
        (byte) (id.length >> 8), (byte) id.length};
    OutputStream out = socket.getOutputStream();
    out.write(new byte[] {0x10, (byte) (variable.length + id.length)});
    out.write(variable);
    out.write(id);
    out.flush();
    byte[] connAck = socket.getInputStream().readNBytes(4);
    if (connAck.length != 4 || connAck[0] != 0x20 || connAck[3] != 0) {
      throw new AssertionError("not accepted: " + java.util.Arrays.toString(connAck));
    }
    return socket;
  }

  /** A QoS 0 PUBLISH as raw bytes (topic and payload under 100 bytes together). */
  static byte[] qos0Publish(String topic, String payload) {
    byte[] t = utf8(topic);
    byte[] p = utf8(payload);
    byte[] packet = new byte[2 + 2 + t.length + p.length];
    packet[0] = 0x30;
    packet[1] = (byte) (2 + t.length + p.length);
    packet[2] = (byte) (t.length >> 8);
    packet[3] = (byte) t.length;
    System.arraycopy(t, 0, packet, 4, t.length);
    System.arraycopy(p, 0, packet, 4 + t.length, p.length);
    return packet;
  }

  /** Reads until the server closes the socket; true if it did (rather than the 10 s read timeout firing). */
  static boolean closedByServer(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    try {
      while (in.read() >= 0) {
        // drain whatever the server still sent
      }
      return true;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }
}
