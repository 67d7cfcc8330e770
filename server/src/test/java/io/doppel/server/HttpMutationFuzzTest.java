package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.fuzz.FuzzReport;
import io.doppel.fuzz.Fuzzer;
import io.doppel.server.auth.AuthConfig;
import io.doppel.server.auth.AuthFailure;
import io.doppel.server.auth.FailureLimit;
import io.doppel.server.backup.BackupFailure;
import io.doppel.twin.ErrorCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutation fuzzing of the whole HTTP surface: a real server (random port, a data directory, auth on, the demo's
 * factory and a small building), every route that takes a body (from the server's own route list, so a new route
 * is fuzzed without a change here) hit with mutants of a valid request. Every answer must come within the time
 * limit, be below 500, and, when refused, carry the error shape with one of the stable codes; at the end the server
 * is healthy and what it acknowledged is still there, also after a restart on the same data.
 */
@Tag("fuzz")
class HttpMutationFuzzTest {
  static final String ADMIN_KEY = "admin-key-for-http-fuzz-0123456789";

  /**
   * Routes not fuzzed, and why: a backup writes a directory wherever its body says (BackupRestoreTest covers the
   * body), and a raised disk reserve rightly turns every later write into a 507 (DiskGuardApiTest covers it).
   */
  private static final Set<String> NOT_FUZZED = Set.of("POST /admin/backup", "PUT /storage/reserve");

  /** The ingest paths devices use: picked three times as often as a route, and each must have mutants accepted. */
  private static final Set<String> DEVICE_ROUTES = Set.of("POST /ingest/batch", "POST /digitaltwins/{id}/telemetry");

  /**
   * Routes that start a simulation: each accepted run is cancelled at once ({@link #cancelRun}), because its
   * replications would go on in the background (they took 70% of the run's CPU) and what the fuzzer checks, the
   * answer to the request, is already in.
   */
  private static final Set<String> SIMULATING_ROUTES = Set.of("POST /scenarios/{id}/runs",
      "POST /scenarios/{id}/calibrate");

  /**
   * Every this many inputs the dead letters the inputs made are deleted: a replay without {@code maxItems} takes up
   * to 10,000 of them, a synced write each, so a backlog growing over a million inputs would make each such replay
   * cost seconds (and outlast the hang limit) while replaying the same letters again and again.
   */
  private static final int PURGE_EVERY = 1_000;

  /** Mutations after which a 2xx PUT does not promise a readable resource at that path in this tenant. */
  private static final Set<String> NO_PROMISE = Set.of("query", "header");

  private static final Set<String> STABLE_CODES = Stream.of(
      Stream.of(ErrorCode.values()).map(Enum::name), Stream.of(ApiFailure.Code.values()).map(Enum::name),
      Stream.of(AuthFailure.Kind.values()).map(Enum::name), Stream.of(BackupFailure.Code.values()).map(Enum::name))
      .flatMap(s -> s).collect(Collectors.toUnmodifiableSet());

  @TempDir Path data;

  @Test
  void mutatedRequestsToEveryBodyRouteNeverFailTheServerAndWhatItAcknowledgedStays() throws Exception {
    Map<String, Map<String, Long>> byRoute = new TreeMap<>();
    List<String> acknowledged = new ArrayList<>();
    FuzzReport report;
    try (DoppelServer server = start(data)) {
      Http admin = new Http(server.baseUri()).withHeader("Authorization", "Bearer " + ADMIN_KEY);
      HttpFuzzSeeds.install(admin);
      List<HttpRequestMutator> routes = bodyRoutes(server, admin);
      List<HttpRequestMutator> weighted = new ArrayList<>();
      for (HttpRequestMutator route : routes) {
        int weight = DEVICE_ROUTES.contains(route.route()) ? 12 : 4;
        weighted.addAll(java.util.Collections.nCopies(weight, route));
      }
      Set<String> endpoints = Set.copyOf(server.httpEndpoints());
      FuzzClient client = new FuzzClient(server.baseUri(), ADMIN_KEY);
      java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
      long cpuBefore = processCpuNanos();
      report = Fuzzer.named("http-mutation", 1_000).values(
          random -> weighted.get(random.nextInt(weighted.size())).next(random),
          input -> {
            FuzzClient.Answer answer = client.send(input);
            String outcome = check(input, answer);
            if (answer.status() == 202 && SIMULATING_ROUTES.contains(input.route())) {
              cancelRun(client, input, answer);
            }
            if (sent.incrementAndGet() % PURGE_EVERY == 0) {
              purgeDeadLetters(client);
            }
            synchronized (byRoute) {
              byRoute.computeIfAbsent(input.route(), r -> new TreeMap<>()).merge(outcome, 1L, Long::sum);
            }
            if (answer.status() < 300 && input.method().equals("PUT") && !NO_PROMISE.contains(input.mutation())
                && endpoints.contains("GET " + input.route().substring(4)) && acknowledged.size() < 2_000) {
              acknowledged.add(input.target());
            }
            return outcome;
          }, HttpFuzzInput::show);
      double processCpu = (processCpuNanos() - cpuBefore) / 1e9;
      // the worker thread only sends: the server's work shows in the whole process's CPU time
      System.out.printf(java.util.Locale.ROOT, "%s; %.1f s CPU of the whole process (%,.0f inputs/s of CPU); %d "
          + "requests retried on a fresh connection%n", report.line(), processCpu, report.inputs() / processCpu,
          client.retries());
      byRoute.forEach((route, outcomes) -> System.out.println("  " + route + ": " + outcomes));
      System.out.println("  dead letters kept at the end: " + admin.get("/deadletters?maxItems=1").json().path("count"));

      if (report.inputs() >= 1_000) { // a route picked once in 174 may miss a shorter run
        assertThat(byRoute.keySet()).as("every body route got inputs")
            .containsExactlyInAnyOrderElementsOf(routes.stream().map(HttpRequestMutator::route).toList());
      }
      for (String route : DEVICE_ROUTES) {
        assertThat(byRoute.get(route)).as(route).containsKey("2xx");
      }
      assertThat(report.count("429 AUTH_THROTTLED")).as("inputs throttled instead of fuzzing a route").isZero();
      assertThat(report.share("2xx")).as("share of mutants the server accepted: " + report.line())
          .isGreaterThan(0.02);
      assertThat(admin.get("/health").status()).isEqualTo(200);
      assertReadable(admin, acknowledged);
    }
    try (DoppelServer again = start(data)) {
      Http admin = new Http(again.baseUri()).withHeader("Authorization", "Bearer " + ADMIN_KEY);
      assertThat(admin.get("/health").status()).isEqualTo(200);
      assertReadable(admin, acknowledged);
    }
  }

  /** Cancels the run an accepted input started; the cancel must be answered 200 with the run. */
  private static void cancelRun(FuzzClient client, HttpFuzzInput input, FuzzClient.Answer started)
      throws InterruptedException {
    String context = input.show() + "\n  answered " + started.status() + ": " + started.text();
    JsonNode run = started.json(context);
    String target = "/scenarios/" + pathSegment(run.path("scenario").asText()) + "/runs/"
        + pathSegment(run.path("id").asText());
    FuzzClient.Answer cancelled = client.delete(target);
    assertThat(cancelled.status()).as("DELETE " + target + " after " + context + "\n  answered "
        + cancelled.text()).isEqualTo(200);
  }

  /** Deletes the dead letters there are now, a page at a time; each delete must be answered 204. */
  private static void purgeDeadLetters(FuzzClient client) throws InterruptedException {
    for (JsonNode letter : client.get("/deadletters?maxItems=1000").json("GET /deadletters").path("value")) {
      String target = "/deadletters/" + letter.path("id").asLong();
      FuzzClient.Answer deleted = client.delete(target);
      assertThat(deleted.status()).as("DELETE " + target + " answered " + deleted.text()).isIn(204, 404);
    }
  }

  private static String pathSegment(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /**
   * Failed-authentication throttling off: mutated logins fail often enough that the address would be throttled,
   * and then every later input would be answered 429 before reaching its route (AuthThrottleApiTest covers it).
   */
  private static DoppelServer start(Path data) {
    AuthConfig auth = new AuthConfig(true, ADMIN_KEY, null, null, FailureLimit.OFF);
    return DoppelServer.start(ServerConfig.ephemeral().withAuth(auth).withDataDir(data).withDemo(true));
  }

  /** Every POST, PUT and PATCH the server serves, each with its seeds and the content type its docs declare. */
  private static List<HttpRequestMutator> bodyRoutes(DoppelServer server, Http admin) {
    JsonNode openapi = admin.get("/openapi.json").json();
    List<HttpRequestMutator> out = new ArrayList<>();
    for (String endpoint : server.httpEndpoints()) {
      String[] parts = endpoint.split(" ", 2);
      if (!Set.of("POST", "PUT", "PATCH").contains(parts[0]) || NOT_FUZZED.contains(endpoint)) {
        continue;
      }
      List<HttpFuzzSeeds.Seed> seeds = HttpFuzzSeeds.SEEDS.getOrDefault(endpoint,
          HttpFuzzSeeds.fallback(openapi, parts[0], parts[1]));
      out.add(new HttpRequestMutator(parts[0], parts[1], contentType(openapi, parts[0], parts[1]), seeds,
          ServerConfig.DEFAULT_MAX_BODY_BYTES));
    }
    assertThat(out).as("body routes").hasSizeGreaterThan(30);
    return out;
  }

  private static String contentType(JsonNode openapi, String method, String template) {
    JsonNode content = openapi.path("paths").path(template).path(method.toLowerCase(java.util.Locale.ROOT))
        .path("requestBody").path("content");
    String declared = content.fieldNames().hasNext() ? content.fieldNames().next() : "application/json";
    return declared.equals("*/*") ? "application/json" : declared;
  }

  /** Fails on a 5xx or an error without the documented shape; answers the outcome's label for the tally. */
  private static String check(HttpFuzzInput input, FuzzClient.Answer answer) {
    String context = input.show() + "\n  answered " + answer.status() + ": " + answer.text();
    assertThat(answer.status()).as(context).isLessThan(500);
    if (answer.status() < 400) {
      return "2xx";
    }
    JsonNode error = answer.json(context).path("error");
    assertThat(error.path("code").asText()).as("a stable error code: " + context).isIn(STABLE_CODES);
    assertThat(error.path("message").isTextual()).as("an error message: " + context).isTrue();
    assertThat(error.path("details").isArray()).as("error details: " + context).isTrue();
    for (JsonNode detail : error.path("details")) {
      assertThat(detail.path("code").isTextual() && detail.path("message").isTextual()
          && detail.path("target").isTextual()).as("detail shape: " + context).isTrue();
    }
    return answer.status() + " " + error.path("code").asText();
  }

  private static void assertReadable(Http admin, List<String> acknowledged) {
    assertThat(admin.get("/digitaltwins/room-1").status()).isEqualTo(200);
    assertThat(admin.get("/digitaltwins/room-1/relationships/r1").status()).isEqualTo(200);
    for (String target : acknowledged) {
      Http.Response read = admin.get(target);
      assertThat(read.status()).as("GET " + target + " after a PUT there was acknowledged: " + read.text())
          .isEqualTo(200);
    }
  }
}
