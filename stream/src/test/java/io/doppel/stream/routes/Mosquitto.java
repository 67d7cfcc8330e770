package io.doppel.stream.routes;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

/**
 * A real Debian {@code mosquitto} broker on a free loopback port, started by the test, with persistence in its own
 * directory so that a stop (SIGTERM saves sessions) and a start on the same port is a broker that went away and came
 * back. {@link #subscriber} runs {@code mosquitto_sub} with a persistent session, an independent client to read back
 * what a route published.
 */
final class Mosquitto implements AutoCloseable {
  private final Path dir;
  private final int port;
  private @Nullable Process broker;

  Mosquitto(Path dir) throws IOException {
    this.dir = dir;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      this.port = probe.getLocalPort();
    }
    // As root, mosquitto would switch to its own user, which cannot write the test's directory.
    Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n", "listener " + port + " 127.0.0.1",
        "allow_anonymous true", "persistence true", "persistence_location " + dir + "/", "user root", ""));
  }

  int port() {
    return port;
  }

  void start() throws IOException {
    broker = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
        .start();
    Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return true;
      }
    });
  }

  /** SIGTERM: the broker saves its sessions and queued messages, then exits. */
  void stop() throws InterruptedException {
    Process p = broker;
    broker = null;
    if (p != null) {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /** {@code mosquitto_sub} on {@code filter} at QoS 1 with persistent session {@code clientId}, lines to a file. */
  Process subscriber(String clientId, String filter, Path out) throws IOException {
    return new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-V", "mqttv5",
        "-q", "1", "-c", "-i", clientId, "-t", filter, "-v")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
  }

  /** Publishes one message with {@code mosquitto_pub} (to see that a subscriber is listening). */
  void publish(String topic, String message) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-q", "1",
        "-t", topic, "-m", message).redirectErrorStream(true).start();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  /** What the broker printed so far (for a failing test's message). */
  String log() throws IOException {
    Path log = dir.resolve("broker.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
