package io.doppel.bench.mqtt;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A minimal MQTT client (3.1.1 or 5) for the harness: CONNECT, then PUBLISH frames written straight from prepared
 * bytes over a blocking socket, and PUBACKs read by a second thread. It speaks the protocol as any device does; it
 * only skips what a general client library spends per message (futures, message objects, its own event loop), so
 * that on a machine the clients share with the server the figure is the server's. Several publishes that the window
 * allows at once go out in one write, as a library's batched flush would.
 */
final class PreparedFrameClient implements AutoCloseable {
  /** What the harness learns of each publish. */
  interface Acks {
    void acked(long latencyNanos);

    void failed(String why);
  }

  private static final int MAX_FRAMES_PER_WRITE = 64;

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final boolean mqtt5;
  private final int qos;
  private final long[] sentAt = new long[65_536];
  private int nextPacketId;

  PreparedFrameClient(int port, String clientId, int mqttVersion, int qos) throws IOException {
    this.mqtt5 = mqttVersion == 5;
    this.qos = qos;
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress("127.0.0.1", port));
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    out.write(connect(clientId));
    out.flush();
    int type = in.read();
    byte[] body = readBody();
    int reason = body.length > 1 ? body[1] & 0xFF : -1;
    if (type != 0x20 || reason != 0) {
      socket.close();
      throw new IOException("CONNECT refused: packet type 0x" + Integer.toHexString(type) + ", code " + reason);
    }
  }

  private byte[] connect(String clientId) {
    byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
    Frame f = new Frame(32 + id.length);
    f.bytes(0, 4, 'M', 'Q', 'T', 'T').bytes(mqtt5 ? 5 : 4, 0x02, 0, 0); // clean start, no keep-alive
    if (mqtt5) {
      f.bytes(0); // no properties
    }
    f.bytes(id.length >> 8, id.length & 0xFF).raw(id, 0, id.length);
    return f.packet(0x10);
  }

  /** The topic as a PUBLISH carries it: two length bytes, then the UTF-8. */
  static byte[] topicField(String topic) {
    byte[] text = topic.getBytes(StandardCharsets.UTF_8);
    byte[] field = new byte[text.length + 2];
    field[0] = (byte) (text.length >> 8);
    field[1] = (byte) text.length;
    System.arraycopy(text, 0, field, 2, text.length);
    return field;
  }

  /**
   * Publishes until {@code running} turns false, {@code window} bounding what is unacknowledged (QoS 1; with QoS 0 a
   * permit comes back once written): message {@code n} goes to {@code topics[n % topics.length]}, starting at
   * {@code first} and stepping by {@code stride}. Returns, once stopped, how many it wrote; PUBACKs go to
   * {@code acks} from the reader.
   */
  long publishLoop(byte[][] topics, byte[][] payloads, long first, int stride, Semaphore window, Acks acks,
      BooleanSupplier running) throws IOException, InterruptedException {
    long written = 0;
    // reads until the socket closes (close()): the PUBACKs of the last publishes still count after this returns
    Thread.ofPlatform().name("bench-client-acks").daemon(true).start(() -> readAcks(window, acks));
    byte[] buffer = new byte[64 * 1024];
    long n = first;
    while (running.getAsBoolean()) {
      if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        continue;
      }
      int more = window.drainPermits();
      int frames = 1 + Math.min(more, MAX_FRAMES_PER_WRITE - 1);
      window.release(more - (frames - 1)); // what this write does not use stays in the window
      int length = 0;
      long now = System.nanoTime();
      for (int i = 0; i < frames; i++) {
        byte[] topic = topics[(int) (n % topics.length)];
        byte[] payload = payloads[(int) (n % payloads.length)];
        n += stride;
        if (length + topic.length + payload.length + 16 > buffer.length) {
          buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
        }
        length = publish(buffer, length, topic, payload, now);
      }
      out.write(buffer, 0, length);
      written += frames;
      if (qos == 0) {
        window.release(frames);
      }
    }
    return written;
  }

  private int publish(byte[] buffer, int at, byte[] topic, byte[] payload, long now) {
    int remaining = topic.length + (qos == 1 ? 2 : 0) + (mqtt5 ? 1 : 0) + payload.length;
    buffer[at++] = (byte) (qos == 1 ? 0x32 : 0x30);
    at = varint(buffer, at, remaining);
    System.arraycopy(topic, 0, buffer, at, topic.length);
    at += topic.length;
    if (qos == 1) {
      nextPacketId = nextPacketId == 65_535 ? 1 : nextPacketId + 1;
      sentAt[nextPacketId] = now; // the window (at most the server's receive maximum) keeps ids unique in flight
      buffer[at++] = (byte) (nextPacketId >> 8);
      buffer[at++] = (byte) nextPacketId;
    }
    if (mqtt5) {
      buffer[at++] = 0; // no properties
    }
    System.arraycopy(payload, 0, buffer, at, payload.length);
    return at + payload.length;
  }

  private void readAcks(Semaphore window, Acks acks) {
    try {
      while (true) {
        int type = in.read();
        if (type < 0) {
          return;
        }
        byte[] body = readBody();
        switch (type >> 4) {
          case 4 -> { // PUBACK: packet id, then (MQTT 5) a reason code when not plain success
            int id = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
            int reason = body.length > 2 ? body[2] & 0xFF : 0;
            if (reason >= 0x80) {
              acks.failed("PUBACK reason code 0x" + Integer.toHexString(reason));
            } else {
              acks.acked(System.nanoTime() - sentAt[id]);
            }
            window.release();
          }
          case 14 -> {
            acks.failed("DISCONNECT from the server, reason code " + (body.length > 0 ? body[0] & 0xFF : 0));
            return;
          }
          default -> { } // nothing else is expected; a PINGRESP would be harmless
        }
      }
    } catch (IOException e) {
      if (!socket.isClosed()) {
        acks.failed(e.toString());
      }
    }
  }

  private byte[] readBody() throws IOException {
    int length = 0;
    for (int shift = 0; ; shift += 7) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed inside a packet header");
      }
      length |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    return in.readNBytes(length);
  }

  private static int varint(byte[] buffer, int at, int value) {
    int v = value;
    do {
      int digit = v & 0x7F;
      v >>>= 7;
      buffer[at++] = (byte) (v > 0 ? digit | 0x80 : digit);
    } while (v > 0);
    return at;
  }

  /** Sends DISCONNECT (normal) and closes the socket. */
  @Override
  public void close() throws IOException {
    try {
      out.write(mqtt5 ? new byte[] {(byte) 0xE0, 1, 0} : new byte[] {(byte) 0xE0, 0});
      out.flush();
    } finally {
      socket.close();
    }
  }

  /** A packet's variable header and payload, built up before the fixed header that says its length. */
  private static final class Frame {
    private byte[] bytes;
    private int length;

    Frame(int capacity) {
      bytes = new byte[capacity];
    }

    Frame bytes(int... values) {
      for (int v : values) {
        ensure(1);
        bytes[length++] = (byte) v;
      }
      return this;
    }

    Frame raw(byte[] data, int from, int count) {
      ensure(count);
      System.arraycopy(data, from, bytes, length, count);
      length += count;
      return this;
    }

    private void ensure(int more) {
      if (length + more > bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
      }
    }

    byte[] packet(int firstByte) {
      byte[] packet = new byte[length + 5];
      packet[0] = (byte) firstByte;
      int at = varint(packet, 1, length);
      System.arraycopy(bytes, 0, packet, at, length);
      return java.util.Arrays.copyOf(packet, at + length);
    }
  }
}
