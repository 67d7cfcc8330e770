package io.doppel.cli;

import io.doppel.generator.DemoGraph;
import io.doppel.generator.GeneratorRun;
import io.doppel.generator.Incident;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code doppel generate}: feeds a running Doppel that holds the example packs with live simulated data (what
 * {@code serve --demo} does by itself), or load-tests a setup: request rates with a daily cycle, machine drifts,
 * office occupancy, and occasional incidents.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Send live simulated data for the example packs to a running Doppel (HTTP, and MQTT with --mqtt).")
final class GenerateCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Option(names = "--mqtt", paramLabel = "<host:port>",
      description = "Send the devices' data (factory, building) to this MQTT endpoint; the rest goes over HTTP.")
  String mqtt;
  @Option(names = "--packs", split = ",", paramLabel = "<pack>",
      description = "Packs to animate (default: every pack: software-platform, factory, building).")
  List<String> packs;
  @Option(names = "--period", defaultValue = "PT1S", description = "Time between steps. Default: ${DEFAULT-VALUE}")
  Duration period;
  @Option(names = "--backfill", defaultValue = "PT0S",
      description = "First send this much past telemetry (e.g. PT6H), so history has something to show.")
  Duration backfill;
  @Option(names = "--backfill-step", defaultValue = "PT1M", description = "Step of the backfill. Default: ${DEFAULT-VALUE}")
  Duration backfillStep;
  @Option(names = "--incidents-every", defaultValue = "PT10M",
      description = "Mean time between injected incidents; PT0S for none. Default: ${DEFAULT-VALUE}")
  Duration incidentsEvery;
  @Option(names = "--incident", paramLabel = "<kind>:<twin>[:<duration>]",
      description = "Inject this incident at once, e.g. latency-spike:payment:PT2M, machine-fault:machining-cnc-1, "
          + "air-handler-fault:ahu-1.")
  List<String> incidents = List.of();
  @Option(names = "--duration", defaultValue = "PT0S", description = "Stop after this long (default: run until stopped).")
  Duration duration;
  @Option(names = "--report-every", defaultValue = "PT10S", description = "Progress line interval. Default: ${DEFAULT-VALUE}")
  Duration reportEvery;
  @Option(names = "--seed", defaultValue = "1", description = "Random seed: the same seed gives the same data.")
  long seed;
  @Option(names = "--convention-topics", description = "Send by the built-in topic convention (twins/{id}/telemetry, "
      + "the ADT telemetry API) instead of the devices' own topics, fields and units, so that no mapping is needed.")
  boolean conventionTopics;
  @Option(names = "--rules", description = "Also define the demo's rules and alerts on the server (floor averages, "
      + "alerts on service errors, hot machines, stale air), as serve --demo does.")
  boolean rules;

  @Override
  public void run() {
    checkArguments();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DemoGraph graph = packs == null ? DemoGraph.all() : DemoGraph.of(packs);
    new ApiClient(client).get("/health"); // fails with a clear message when the server cannot be reached
    String host = null;
    int port = 0;
    if (mqtt != null) {
      int colon = mqtt.lastIndexOf(':');
      host = mqtt.substring(0, colon);
      port = Integer.parseInt(mqtt.substring(colon + 1));
    }
    LiveData.Plan plan = new LiveData.Plan(graph, seed, incidentsEvery, backfill, backfillStep, conventionTopics);
    GeneratorRun run;
    try {
      run = LiveData.open(plan, URI.create(client.url), access(), host, port);
    } catch (RuntimeException e) {
      throw new CliFailure(CliFailure.SERVER_PROBLEM, "doppel: " + e.getMessage(), e);
    }
    try (run) {
      if (!conventionTopics) {
        // The devices send in their own shapes: without the packs' mappings every message would be a dead letter.
        List<String> problems = io.doppel.generator.DemoMappings.install(URI.create(client.url), access(), graph);
        if (!problems.isEmpty()) {
          throw new CliFailure(CliFailure.REQUEST_REJECTED, "doppel: " + String.join("; ", problems));
        }
      }
      if (rules) {
        List<String> problems = io.doppel.generator.DemoRules.install(URI.create(client.url), access(), graph);
        if (!problems.isEmpty()) {
          throw new CliFailure(CliFailure.REQUEST_REJECTED, "doppel: " + String.join("; ", problems));
        }
        out.println("Defined the demo's rules: " + String.join(", ", io.doppel.generator.DemoRules.of(graph).keySet()));
      }
      for (String wanted : incidents) {
        run.generator().inject(incident(wanted, graph));
      }
      out.println("Generating " + String.join(", ", run.generator().packs()) + " every " + period
          + (mqtt == null ? " over HTTP" : " over HTTP and MQTT") + "; stop with Ctrl-C.");
      out.flush();
      LiveData.run(run, plan, period, new ProgressLine(err, "backfill"));
      report(run, out);
    }
  }

  private void report(GeneratorRun run, PrintWriter out) {
    Instant end = duration.isZero() ? Instant.MAX : Instant.now().plus(duration);
    long lastSent = 0;
    Set<Incident> announced = new HashSet<>();
    while (Instant.now().isBefore(end)) {
      try {
        Thread.sleep(Math.min(reportEvery.toMillis(), Math.max(1, Duration.between(Instant.now(), end).toMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      GeneratorRun.Stats stats = run.stats();
      for (Incident i : stats.incidents()) {
        if (announced.add(i)) {
          out.println("incident: " + i.description() + " (from " + i.start() + ")");
        }
      }
      double rate = (stats.sent() - lastSent) / (reportEvery.toMillis() / 1000.0);
      lastSent = stats.sent();
      out.println("sent " + stats.sent() + " updates (" + Math.round(rate) + "/s), failed " + stats.failed()
          + (stats.lastError() == null ? "" : " (last: " + stats.lastError() + ")"));
      out.flush();
    }
    GeneratorRun.Stats stats = run.stats();
    if (stats.sent() == 0 && stats.failed() > 0) {
      throw new CliFailure(CliFailure.SERVER_PROBLEM, "doppel: every update failed; last: " + stats.lastError());
    }
  }

  /** The key and, with {@code --tenant}, the tenant every HTTP request of the run works in. */
  private io.doppel.generator.ServerAccess access() {
    return new io.doppel.generator.ServerAccess(client.bearer(), client.tenant);
  }

  private void checkArguments() {
    if (mqtt != null && client.tenant != null && !client.tenant.isBlank()) {
      throw new CliFailure(CliFailure.BAD_INPUT, "--tenant works over HTTP only: an MQTT device is in its key's "
          + "tenant, so give --mqtt with a key of that tenant instead");
    }
    if (period.isNegative() || period.isZero()) {
      throw new CliFailure(CliFailure.BAD_INPUT, "--period must be positive, got " + period);
    }
    if (backfill.isNegative() || backfillStep.isNegative() || backfillStep.isZero()) {
      throw new CliFailure(CliFailure.BAD_INPUT, "--backfill must not be negative and --backfill-step must be positive");
    }
    if (incidentsEvery.isNegative() || duration.isNegative() || reportEvery.isNegative() || reportEvery.isZero()) {
      throw new CliFailure(CliFailure.BAD_INPUT, "--incidents-every, --duration and --report-every must not be negative");
    }
    if (mqtt != null && !mqtt.matches(".+:\\d{1,5}")) {
      throw new CliFailure(CliFailure.BAD_INPUT, "--mqtt must be <host>:<port>, e.g. localhost:1883, got '" + mqtt + "'");
    }
    if (packs != null) {
      List<String> known = DemoGraph.all().packs();
      for (String pack : packs) {
        if (!known.contains(pack)) {
          throw new CliFailure(CliFailure.BAD_INPUT, "unknown pack '" + pack + "'; known: " + String.join(", ", known));
        }
      }
    }
  }

  private static Incident incident(String spec, DemoGraph graph) {
    String[] parts = spec.split(":", 3);
    if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new CliFailure(CliFailure.BAD_INPUT, "--incident must be <kind>:<twin>[:<duration>], got '" + spec + "'");
    }
    Duration length;
    try {
      length = parts.length == 3 ? Duration.parse(parts[2]) : Duration.ofMinutes(3);
    } catch (java.time.format.DateTimeParseException e) {
      throw new CliFailure(CliFailure.BAD_INPUT, "--incident duration must be ISO-8601 (e.g. PT2M), got '" + parts[2] + "'");
    }
    List<String> kinds = List.of("latency-spike", "machine-fault", "air-handler-fault");
    if (!kinds.contains(parts[0])) {
      throw new CliFailure(CliFailure.BAD_INPUT, "unknown incident kind '" + parts[0] + "'; known: " + String.join(", ", kinds));
    }
    if (!graph.twinIdsOfPacks(Set.copyOf(graph.packs())).contains(parts[1])) {
      throw new CliFailure(CliFailure.BAD_INPUT, "--incident: no twin '" + parts[1] + "' in the packs "
          + String.join(", ", graph.packs()));
    }
    return new Incident(parts[0], parts[1], Instant.now(), length, parts[0] + " on " + parts[1] + " (injected)");
  }
}
