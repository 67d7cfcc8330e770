package io.doppel.cli;

import io.doppel.history.HistoryOptions;
import io.doppel.ingest.IngestOptions;
import io.doppel.history.Retention;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code doppel serve}: runs the server until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Doppel server.")
final class ServeCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080", description = "TCP port (0 = any free port). Default: ${DEFAULT-VALUE}")
  int port;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "Interface to bind. Default: ${DEFAULT-VALUE}")
  String host;

  @Option(names = "--data", defaultValue = "data",
      description = "Data directory of the embedded durable store (RocksDB). Default: ${DEFAULT-VALUE}")
  Path data;

  @Option(names = "--in-memory", description = "Keep everything in memory only (nothing survives a restart).")
  boolean inMemory;

  @Option(names = "--demo", description = "Load the example packs (skipped when already present).")
  boolean demo;

  @Option(names = "--tls-keystore", description = "PKCS12 keystore: serve HTTPS only.")
  Path tlsKeystore;

  @Option(names = "--tls-password", description = "Password of the keystore.")
  String tlsPassword;

  @Option(names = "--token", defaultValue = "${env:DOPPEL_TOKEN}",
      description = "Static bearer token required on every route but /health (env DOPPEL_TOKEN).")
  String token;

  @Option(names = "--max-body", defaultValue = "1048576", description = "Largest request body in bytes. Default: ${DEFAULT-VALUE}")
  long maxBody;

  @Option(names = "--history-retention", paramLabel = "<rules>", defaultValue = "",
      description = "How long history is kept: a default age and rules per model or property, e.g. "
          + "P30D,dtmi:x:Room;1=P7D,dtmi:x:Room;1#temperature=P1D (default: forever).")
  String historyRetention;

  /** A port in use or a locked data directory is the user's to fix: say so on one line, keep the cause chain. */
  @Option(names = "--offline-after", paramLabel = "<duration>", defaultValue = "PT5M",
      description = "A twin shows offline when its device or connector has been quiet this long (ISO-8601). "
          + "Default: ${DEFAULT-VALUE}")
  java.time.Duration offlineAfter;

  @Option(names = "--mqtt-port", paramLabel = "<port>", defaultValue = "-1",
      description = "Serve the MQTT endpoint devices connect to on this TCP port (1883 is MQTT's, 0 = any free "
          + "port; TLS and the token as with HTTP). Default: off")
  int mqttPort;

  private static DoppelServer start(ServerConfig config, HistoryOptions history, IngestOptions ingest) {
    try {
      return DoppelServer.start(config, history, ingest);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      StringBuilder reasons = new StringBuilder();
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t.getMessage() != null && reasons.indexOf(t.getMessage()) < 0) {
          reasons.append(reasons.isEmpty() ? "" : ": ").append(t.getMessage());
        }
      }
      throw new CliFailure(CliFailure.SERVER_PROBLEM, "doppel: cannot start the server: " + reasons, e);
    }
  }

  @Override
  public void run() {
    if (tlsKeystore != null && tlsPassword == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--tls-keystore needs --tls-password");
    }
    Path dataDir = inMemory ? null : data;
    ServerConfig config = new ServerConfig(host, port, dataDir, demo, tlsKeystore, tlsPassword, token, maxBody);
    HistoryOptions history;
    try {
      history = HistoryOptions.defaults().withRetention(Retention.parse(historyRetention));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--history-retention: " + e.getMessage());
    }
    IngestOptions ingest;
    try {
      ingest = IngestOptions.defaults().withOfflineAfter(offlineAfter);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--offline-after: " + e.getMessage());
    }
    try {
      ingest = ingest.withMqttPort(mqttPort);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--mqtt-port: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    DoppelServer server = start(config, history, ingest);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "doppel-shutdown"));
    out.println("Doppel is running at " + server.baseUri() + " (data: "
        + (dataDir == null ? "in memory" : dataDir.toAbsolutePath()) + (token == null ? "" : ", bearer token required")
        + ")");
    if (server.mqttUri() != null) {
      out.println("MQTT endpoint at " + server.mqttUri() + " (publish to twins/{id}/telemetry or twins/{id}/properties"
          + (token == null ? "" : "; the token is the password") + ")");
    }
    var summary = server.demo();
    if (summary != null) {
      out.println("Demo ready: packs " + String.join(", ", summary.packs()) + " (added " + summary.models()
          + " models, " + summary.twins() + " twins, " + summary.relationships() + " relationships). Try: curl "
          + server.baseUri() + "/digitaltwins?maxItemsPerPage=5");
    }
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.close();
    }
  }
}
