package io.doppel.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker on a free loopback port, started from a config file in a temp directory; restartable on
 * the same port. Needs the {@code mosquitto} and {@code mosquitto-clients} packages.
 */
final class Mosquitto implements AutoCloseable {
  private final Path dir;
  private final int port;
  private Process process;

  Mosquitto(Path dir) throws Exception {
    this.dir = dir;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      this.port = probe.getLocalPort();
    }
    Files.writeString(dir.resolve("mosquitto.conf"), """
        listener %d 127.0.0.1
        allow_anonymous true
        persistence false
        max_queued_messages 100000
        """.formatted(port));
    start();
  }

  int port() {
    return port;
  }

  String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  void start() throws Exception {
    process = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new IllegalStateException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.log")));
        }
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("mosquitto did not listen on " + port);
  }

  void stop() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** Publishes with {@code mosquitto_pub} at QoS 1. */
  void publish(String topic, String payload) throws Exception {
    Process pub = new ProcessBuilder(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(port), "-q",
        "1", "-t", topic, "-m", payload)).redirectErrorStream(true).start();
    if (!pub.waitFor(20, TimeUnit.SECONDS) || pub.exitValue() != 0) {
      throw new IllegalStateException("mosquitto_pub failed: " + new String(pub.getInputStream().readAllBytes()));
    }
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
