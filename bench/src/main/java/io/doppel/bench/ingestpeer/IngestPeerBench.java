package io.doppel.bench.ingestpeer;

import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Ingest over HTTP, Doppel next to VictoriaMetrics, the same values to each: {@code twins} meters x 10 telemetry
 * ({@code 10 * twins} series) x {@code points} seconds. Doppel gets one {@code POST /digitaltwins/{id}/telemetry}
 * per twin and second (ten values, validated against the model, answered once synced to its WAL); VictoriaMetrics
 * gets the same ten values per {@code /api/v1/import/prometheus} request, and then in batches of
 * {@code batch} values (its usual use), each phase followed by {@code /internal/force_flush} inside the timing so that
 * the values are searchable when the clock stops. The first {@code warm} points of each target are sent before the
 * clock starts. Started by {@code bench/run-ingest-peers.sh}, which starts VictoriaMetrics on loopback.
 *
 * <p>Args: {@code --vm <url> [--twins 1000] [--points 20] [--warm 5] [--in-flight 32] [--batch 10000]}
 */
public final class IngestPeerBench {
  private IngestPeerBench() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "doppel-bench-logback.xml"); // warnings only, as the server
    }
    String vm = null;
    int twins = 1000;
    int points = 20;
    int warm = 5;
    int inFlight = 32;
    int batch = 10_000;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--vm" -> vm = args[i + 1];
        case "--twins" -> twins = Integer.parseInt(args[i + 1]);
        case "--points" -> points = Integer.parseInt(args[i + 1]);
        case "--warm" -> warm = Integer.parseInt(args[i + 1]);
        case "--in-flight" -> inFlight = Integer.parseInt(args[i + 1]);
        case "--batch" -> batch = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    long start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600).toEpochMilli();
    IngestValues values = new IngestValues(twins, warm + points, start);
    List<String> report = new ArrayList<>();
    report.add(String.format(Locale.ROOT, "%,d series (%,d twins x 10 telemetry) x %d points (+%d warm-up), "
        + "%d requests in flight, %d cores", twins * 10, twins, points, warm, inFlight,
        Runtime.getRuntime().availableProcessors()));
    report.add("");
    report.add("| target | API | values per request | values | seconds | values/s |");
    report.add("|---|---|---|---|---|---|");
    report.add(doppel(values, warm, points, inFlight));
    if (vm != null) {
      report.add(victoria(URI.create(vm), values, warm, points, inFlight, 1));
      report.add(victoria(URI.create(vm), values, warm, points, inFlight, Math.max(1, batch / 10)));
    }
    report.forEach(System.out::println);
  }

  private static String doppel(IngestValues values, int warm, int points, int inFlight) throws Exception {
    Path dir = Files.createTempDirectory("doppel-bench-ingest");
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDataDir(dir))) {
      URI base = server.baseUri();
      HttpClient setup = HttpClient.newHttpClient();
      send(setup, base.resolve("/models"), "[" + model() + "]", "POST");
      for (int t = 0; t < values.twins(); t++) {
        send(setup, base.resolve("/digitaltwins/meter-" + t), "{\"$metadata\":{\"$model\":\"dtmi:bench:Meter;1\"}}",
            "PUT");
      }
      HttpLoad load = new HttpLoad(inFlight);
      int twins = values.twins();
      load.run(warm * twins, i -> doppelCall(base, values, i % twins, i / twins));
      long began = System.nanoTime();
      long sent = load.run(points * twins, i -> doppelCall(base, values, i % twins, warm + i / twins));
      double seconds = (System.nanoTime() - began) / 1e9;
      return row("Doppel (RocksDB, synced WAL)", "POST /digitaltwins/{id}/telemetry", 10, sent, seconds);
    } finally {
      delete(dir);
    }
  }

  private static HttpLoad.Call doppelCall(URI base, IngestValues values, int twin, int point) {
    return new HttpLoad.Call(base.resolve("/digitaltwins/meter-" + twin + "/telemetry"),
        values.telemetry(twin, point), "application/json",
        List.of("Telemetry-Source-Time", Instant.ofEpochMilli(values.time(point)).toString()), IngestValues.PER_TWIN);
  }

  /** {@code twinsPerRequest} twins' ten values at one point per request. */
  private static String victoria(URI vm, IngestValues values, int warm, int points, int inFlight,
      int twinsPerRequest) throws Exception {
    URI api = vm.resolve("/api/v1/import/prometheus");
    int twins = values.twins();
    int groups = (twins + twinsPerRequest - 1) / twinsPerRequest;
    // A second series namespace per phase, so that the batched phase does not write the same samples again.
    String suffix = twinsPerRequest == 1 ? "" : "b";
    HttpLoad load = new HttpLoad(inFlight);
    load.run(warm * groups, i -> vmCall(api, values, i % groups, i / groups, twinsPerRequest, suffix));
    flush(vm);
    long began = System.nanoTime();
    long sent = load.run(points * groups, i -> vmCall(api, values, i % groups, warm + i / groups, twinsPerRequest,
        suffix));
    flush(vm);
    double seconds = (System.nanoTime() - began) / 1e9;
    return row("VictoriaMetrics " + System.getProperty("vm.version", ""), "POST /api/v1/import/prometheus",
        twinsPerRequest * 10, sent, seconds);
  }

  private static HttpLoad.Call vmCall(URI api, IngestValues values, int group, int point, int twinsPerRequest,
      String suffix) {
    StringBuilder body = new StringBuilder(twinsPerRequest * 400);
    int first = group * twinsPerRequest;
    int last = Math.min(values.twins(), first + twinsPerRequest);
    for (int t = first; t < last; t++) {
      values.promLines(body, t, point);
    }
    String text = suffix.isEmpty() ? body.toString() : body.toString().replace("{twin=\"", "{phase=\"" + suffix
        + "\",twin=\"");
    return new HttpLoad.Call(api, text, "text/plain", List.of(), (last - first) * IngestValues.PER_TWIN);
  }

  private static void flush(URI vm) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(vm.resolve("/internal/force_flush"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException("force_flush answered " + r.statusCode());
    }
  }

  private static String row(String target, String api, int perRequest, long values, double seconds) {
    return String.format(Locale.ROOT, "| %s | `%s` | %d | %,d | %.2f | **%,.0f** |", target, api, perRequest, values,
        seconds, values / seconds);
  }

  private static void send(HttpClient client, URI uri, String body, String method) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + uri + " answered " + r.statusCode() + ": " + r.body());
    }
  }

  private static String model() {
    StringBuilder contents = new StringBuilder();
    for (int v = 0; v < IngestValues.PER_TWIN; v++) {
      contents.append(v == 0 ? "" : ",").append("{\"@type\":\"Telemetry\",\"name\":\"v").append(v)
          .append("\",\"schema\":\"double\"}");
    }
    return "{\"@context\":\"dtmi:dtdl:context;3\",\"@id\":\"dtmi:bench:Meter;1\",\"@type\":\"Interface\","
        + "\"contents\":[" + contents + "]}";
  }

  private static void delete(Path dir) throws java.io.IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
