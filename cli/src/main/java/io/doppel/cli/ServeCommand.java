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

  @Option(names = "--host",
      description = "Interface to bind. Default: 0.0.0.0, but 127.0.0.1 for a --demo without authentication")
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
      description = "Older static bearer token, accepted as the admin key (env DOPPEL_TOKEN).")
  String token;

  @Option(names = "--pseudonym-key", defaultValue = "${env:DOPPEL_PSEUDONYM_KEY}",
      description = "Secret (16+ characters) personal data is pseudonymised with (env DOPPEL_PSEUDONYM_KEY);"
          + " default: one generated once and kept under <data>/auth.")
  String pseudonymKey;

  @Option(names = "--jwt-issuer", description = "Accept JWT bearer tokens from this issuer (iss).")
  String jwtIssuer;

  @Option(names = "--jwt-audience", description = "The audience (aud) JWTs must name.")
  String jwtAudience;

  @Option(names = "--jwt-jwks-url", description = "Where the issuer publishes its signing keys (JWKS).")
  java.net.URI jwtJwksUrl;

  @Option(names = "--jwt-jwks-file", description = "A JWKS file with the signing keys.")
  Path jwtJwksFile;

  @Option(names = "--jwt-public-key", description = "A PEM public key that signs the JWTs.")
  Path jwtPublicKey;

  @Option(names = "--jwt-roles-claim", defaultValue = "roles",
      description = "The claim with the caller's roles (dotted for nested, e.g. realm_access.roles). "
          + "Default: ${DEFAULT-VALUE}")
  String jwtRolesClaim;

  @Option(names = "--jwt-tenant-claim",
      description = "The claim naming the caller's tenant (dotted for nested). Without it every JWT caller is in the"
          + " default tenant.")
  String jwtTenantClaim;

  @Option(names = "--jwt-default-tenant",
      description = "The tenant of JWTs lacking the tenant claim; without it such tokens are refused (403).")
  String jwtDefaultTenant;

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

  @Option(names = "--no-live-data", negatable = false,
      description = "With --demo: do not feed the demo twins with simulated live data.")
  boolean noLiveData;

  @Option(names = "--mqtt-port", paramLabel = "<port>",
      description = "Serve the MQTT endpoint devices connect to on this TCP port (1883 is MQTT's, 0 = any free "
          + "port, -1 = none; TLS and the token as with HTTP). Default: off, but with --demo 1883 (or any free port "
          + "when 1883 is taken), so that the demo's devices publish over MQTT")
  Integer mqttPort;

  @Option(names = "--max-pending-writes", paramLabel = "<n>", defaultValue = "10000",
      description = "Writes (HTTP, MQTT, Kafka) taken in and not yet durable, at most: past it HTTP writes get 429 "
          + "OVERLOADED with Retry-After and MQTT/Kafka stop reading until half is left. Default: ${DEFAULT-VALUE}")
  int maxPendingWrites;

  @Option(names = "--max-queued-scenario-runs", paramLabel = "<n>", defaultValue = "16",
      description = "Scenario runs and calibrations of a tenant waiting to start, at most (one runs at a time): past "
          + "it a run gets 429 SCENARIO_QUEUE_FULL with Retry-After. Default: ${DEFAULT-VALUE}")
  int maxQueuedScenarioRuns;

  @Option(names = "--commit-delay", paramLabel = "<duration>", defaultValue = "PT0S",
      description = "Wait this long after each durable commit before the next (ISO-8601, e.g. PT0.005S): fewer, "
          + "larger commits on a disk with slow syncs, at that much latency per write. Default: ${DEFAULT-VALUE}")
  java.time.Duration commitDelay;

  @Option(names = "--trusted-proxies", paramLabel = "<CIDR,...>",
      description = "Reverse proxies (CIDR blocks or addresses, comma-separated) whose X-Forwarded-For / Forwarded "
          + "name the client: from them the client is the rightmost untrusted address, used for failed-authentication "
          + "throttling and the audit log; from any other peer those headers are ignored. Default: none")
  String trustedProxies;

  @Option(names = "--auth-max-failures", paramLabel = "<n>", defaultValue = "10",
      description = "Failed authentications (bad API key, JWT, login, MQTT CONNECT) one remote address may make "
          + "within --auth-failure-window before it is refused with 429 AUTH_THROTTLED for one window "
          + "(0 = never). Default: ${DEFAULT-VALUE}")
  int authMaxFailures;

  @Option(names = "--auth-failure-window", paramLabel = "<duration>", defaultValue = "PT1M",
      description = "How far back failed authentications count, and how long a throttled address waits "
          + "(ISO-8601, at most P1D). Default: ${DEFAULT-VALUE}")
  java.time.Duration authFailureWindow;

  @Option(names = "--min-free-disk", paramLabel = "<size>", defaultValue = "256MiB",
      description = "Free space the data directory's disk must keep (e.g. 256MiB, 1GiB, 2%%, 0 = none): below it "
          + "writes get 507 INSUFFICIENT_STORAGE until space returns; reads keep working. Default: ${DEFAULT-VALUE}")
  String minFreeDisk;

  private static DoppelServer start(ServerConfig config, HistoryOptions history, IngestOptions ingest,
      io.doppel.server.AdmissionOptions admission, io.doppel.server.DiskReserve reserve) {
    try {
      return DoppelServer.start(config, history, ingest, admission, reserve);
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

  /**
   * Feeds the demo twins through the server's own ingestion path, in the background: an hour of past telemetry
   * first (so charts have a history), then a step every second, with an incident about every ten minutes.
   */
  private void startLiveData(DoppelServer server, PrintWriter out) {
    LiveData.Plan plan = new LiveData.Plan(io.doppel.generator.DemoGraph.all(), System.nanoTime(),
        java.time.Duration.ofMinutes(10), java.time.Duration.ofHours(1), java.time.Duration.ofMinutes(1), false);
    java.net.URI mqtt = server.mqttUri();
    io.doppel.generator.GeneratorRun run = LiveData.open(plan, server.baseUri(), liveDataKey,
        mqtt == null || server.mqttTls() ? null : mqtt.getHost(), server.mqttPort());
    Thread.ofPlatform().daemon().name("doppel-demo-data").start(() -> {
      try {
        for (String problem : io.doppel.generator.DemoRules.install(server.baseUri(), liveDataKey, plan.graph())) {
          org.slf4j.LoggerFactory.getLogger(ServeCommand.class).warn("demo {}", problem);
        }
        LiveData.run(run, plan, java.time.Duration.ofSeconds(1), null);
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(ServeCommand.class).warn("the demo's live data stopped", e);
      }
    });
    Runtime.getRuntime().addShutdownHook(new Thread(run::close, "doppel-demo-data-stop"));
    out.println("Live demo data: an hour of history, then every second (" + String.join(", ", run.generator().packs())
        + (mqtt == null ? "" : "; the factory's and the building's devices over MQTT")
        + ", read through the packs' mappings (GET /mappings)"
        + "), an incident about every 10 minutes, rules and alerts that show them (GET /alerts). Turn off with "
        + "--no-live-data.");
  }

  /** What the demo's own live data presents to the API and MQTT: the admin key, or nothing when open. */
  private String liveDataKey;

  private io.doppel.server.auth.@org.jspecify.annotations.Nullable JwtConfig jwt() {
    if (jwtIssuer == null && jwtAudience == null && jwtJwksUrl == null && jwtJwksFile == null
        && jwtPublicKey == null) {
      return null;
    }
    try {
      return new io.doppel.server.auth.JwtConfig(jwtIssuer == null ? "" : jwtIssuer,
          jwtAudience == null ? "" : jwtAudience, jwtJwksUrl, jwtJwksFile, jwtPublicKey, jwtRolesClaim,
          io.doppel.server.auth.JwtConfig.DEFAULT_SKEW).withTenantClaim(jwtTenantClaim, jwtDefaultTenant);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--jwt-*: " + e.getMessage());
    }
  }

  private static boolean isLoopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** MQTT's own port when it is free, else any free one: a demo must start even beside a local broker. */
  private static int demoMqttPort() {
    try (java.net.ServerSocket probe = new java.net.ServerSocket(1883)) {
      return 1883;
    } catch (java.io.IOException taken) {
      return 0;
    }
  }

  @Override
  public void run() {
    if (tlsKeystore != null && tlsPassword == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--tls-keystore needs --tls-password");
    }
    Path dataDir = inMemory ? null : data;
    String adminKey = System.getenv("DOPPEL_ADMIN_KEY");
    io.doppel.server.auth.JwtConfig jwt = jwt();
    boolean secured = adminKey != null && !adminKey.isBlank() || token != null && !token.isBlank() || jwt != null;
    // Only the demo may run open, and only where nobody else can reach it.
    boolean open = demo && !secured;
    String bind = host != null ? host : open ? "127.0.0.1" : "0.0.0.0";
    if (open && !isLoopback(bind)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--demo without authentication runs on "
          + "localhost only: drop --host " + bind + ", or set DOPPEL_ADMIN_KEY to require keys");
    }
    String bootstrap = null;
    if (!open && !secured) {
      // Authentication is on but nobody could sign in: give the operator a key for this run.
      byte[] bytes = new byte[32];
      new java.security.SecureRandom().nextBytes(bytes);
      bootstrap = "dak_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      adminKey = bootstrap;
    }
    io.doppel.server.auth.AuthConfig auth;
    try {
      auth = open ? io.doppel.server.auth.AuthConfig.OPEN
          : io.doppel.server.auth.AuthConfig.required(adminKey).withJwt(jwt);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "DOPPEL_ADMIN_KEY: " + e.getMessage());
    }
    try {
      auth = auth.withPseudonymKey(pseudonymKey);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--pseudonym-key: " + e.getMessage());
    }
    try {
      auth = auth.withFailureLimit(new io.doppel.server.auth.FailureLimit(authMaxFailures, authFailureWindow));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--auth-max-failures / "
          + "--auth-failure-window: " + e.getMessage());
    }
    try {
      auth = auth.withTrustedProxies(io.doppel.server.auth.TrustedProxies.parse(trustedProxies));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--trusted-proxies: " + e.getMessage());
    }
    ServerConfig config = new ServerConfig(bind, port, dataDir, demo, tlsKeystore, tlsPassword, token, maxBody,
        auth);
    liveDataKey = open ? null : adminKey != null ? adminKey : token;
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
      ingest = ingest.withMqttPort(mqttPort != null ? mqttPort : demo && !noLiveData ? demoMqttPort() : -1);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--mqtt-port: " + e.getMessage());
    }
    io.doppel.server.AdmissionOptions admission;
    try {
      admission = new io.doppel.server.AdmissionOptions(maxPendingWrites, commitDelay, maxQueuedScenarioRuns);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--max-pending-writes/--commit-delay/--max-queued-scenario-runs: " + e.getMessage());
    }
    io.doppel.server.DiskReserve reserve;
    try {
      reserve = io.doppel.server.DiskReserve.parse(minFreeDisk);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--min-free-disk: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    DoppelServer server = start(config, history, ingest, admission, reserve);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "doppel-shutdown"));
    out.println("Doppel is running at " + server.baseUri() + " (data: "
        + (dataDir == null ? "in memory" : dataDir.toAbsolutePath())
        + (open ? ", OPEN: no authentication, localhost only" : ", authentication required") + ")");
    if (open) {
      out.println("WARNING: this demo runs without authentication on " + bind + ". Anyone on this machine can read "
          + "and change it. Set DOPPEL_ADMIN_KEY to require API keys (docs/security.md).");
    }
    if (bootstrap != null) {
      out.println("Admin key for this run (not stored; set DOPPEL_ADMIN_KEY to choose one): " + bootstrap);
      out.println("Create lasting keys with: doppel keys create <name> --role <role> --api-key <admin key>");
    }
    out.println("Web UI: " + server.baseUri() + "/" + (open ? "" : " (sign in with an API key)"));
    if (server.mqttUri() != null) {
      out.println("MQTT endpoint at " + server.mqttUri() + " (publish to twins/{id}/telemetry or twins/{id}/properties"
          + (open ? "" : "; an API key is the password") + ")");
    }
    var summary = server.demo();
    if (summary != null) {
      out.println("Demo ready: packs " + String.join(", ", summary.packs()) + " (added " + summary.models()
          + " models, " + summary.twins() + " twins, " + summary.relationships() + " relationships, "
          + summary.mappings() + " mappings). Try: curl "
          + server.baseUri() + "/digitaltwins?maxItemsPerPage=5");
      if (!noLiveData) {
        startLiveData(server, out);
      }
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
