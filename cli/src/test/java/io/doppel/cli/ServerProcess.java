package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** {@code doppel.jar serve} as a real process for the integration tests that kill it, and plain HTTP to it. */
final class ServerProcess {
  private ServerProcess() {}

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The admin key the started server gets in {@code DOPPEL_ADMIN_KEY} and {@link #send} presents. */
  static final String ADMIN_KEY = "kill-nine-admin-key-0123456789";

  /** Starts the built jar serving {@code data} on loopback {@code port}, its output appended to {@code log}. */
  static Process start(Path data, int port, Path log) throws IOException {
    return start(data, port, log, java.util.List.of());
  }

  /** {@link #start(Path, int, Path)} with more {@code serve} options (e.g. {@code --mqtt-port}). */
  static Process start(Path data, int port, Path log, java.util.List<String> options) throws IOException {
    Path jar = Path.of(System.getProperty("doppel.jar", "target/doppel.jar"));
    assertThat(jar).exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-jar", jar.toString(),
        "serve", "--host", "127.0.0.1", "--port", Integer.toString(port), "--data", data.toString());
    builder.command().addAll(options);
    builder.redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("DOPPEL_ADMIN_KEY", ADMIN_KEY);
    return builder.start();
  }

  /** Waits up to 60 s for {@code /health}; fails with the server's log when it exits or never answers. */
  static void awaitHealthy(HttpClient http, Process process, int port, Path log) throws Exception {
    awaitHealthy(http, process, port, log, Duration.ofSeconds(60));
  }

  /** {@link #awaitHealthy(HttpClient, Process, int, Path)} with a longer wait for a loaded machine. */
  static void awaitHealthy(HttpClient http, Process process, int port, Path log, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("server exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        if (send(http, port, "GET", "/health", null).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        Thread.sleep(100); // not listening yet
      }
    }
    throw new AssertionError("server not healthy within " + timeout.toSeconds() + " s:\n" + Files.readString(log));
  }

  /** One request with a JSON body (a JSON Patch for PATCH), or none. */
  static HttpResponse<String> send(HttpClient http, int port, String method, String path, @Nullable String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + ADMIN_KEY);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type",
          method.equals("PATCH") ? "application/json-patch+json" : "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
