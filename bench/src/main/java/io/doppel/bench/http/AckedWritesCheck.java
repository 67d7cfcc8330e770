package io.doppel.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Checks that every write the load generator saw acknowledged is in the server: the generator logged the ETag of
 * each 2xx (files {@code acked-*.log} in a directory), an ETag is {@code W/"<global version in hex>"} of the change
 * it acknowledges, and every change of every twin is in its change log with that version. A version acknowledged
 * and absent from all the twins' change logs since the flood began is a lost write. Prints one
 * {@code ACK_RESULT} line and exits 1 when any is lost.
 *
 * <pre>java -cp doppel-bench.jar io.doppel.bench.http.AckedWritesCheck &lt;base-url&gt; &lt;twins&gt; &lt;ack-dir&gt;
 *     &lt;from ISO instant&gt;</pre>
 */
public final class AckedWritesCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int READERS = 8;

  private final URI base;
  private final String authorization;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private AckedWritesCheck(URI base, String apiKey) {
    this.base = base;
    this.authorization = apiKey == null ? null : "Bearer " + apiKey;
  }

  public static void main(String[] args) throws Exception {
    AckedWritesCheck check = new AckedWritesCheck(URI.create(args[0]), System.getenv("DOPPEL_API_KEY"));
    int twins = Integer.parseInt(args[1]);
    Path ackDir = Path.of(args[2]);
    String from = args[3];
    Acked acked = readAcked(ackDir);
    Set<Long> logged = check.loggedVersions(twins, from);
    long lost = acked.versions.stream().filter(v -> !logged.contains(v)).count();
    System.out.printf(Locale.ROOT, "ACK_RESULT acknowledged=%d without_etag=%d logged_changes=%d lost=%d%n",
        acked.versions.size(), acked.withoutEtag, logged.size(), lost);
    System.exit(lost == 0 && acked.withoutEtag == 0 ? 0 : 1);
  }

  private record Acked(Set<Long> versions, long withoutEtag) {}

  private static Acked readAcked(Path dir) throws IOException {
    Set<Long> versions = new HashSet<>();
    long withoutEtag = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("acked-")).toList()) {
        for (String line : Files.readAllLines(file)) {
          if (line.startsWith("W/\"") && line.endsWith("\"")) {
            versions.add(Long.parseUnsignedLong(line.substring(3, line.length() - 1), 16));
          } else if (!line.isBlank()) {
            withoutEtag++; // a 2xx the generator could not tie to a change: counted, and it fails the check
          }
        }
      }
    }
    return new Acked(versions, withoutEtag);
  }

  /** The versions of every change of the twins since {@code from}, read page by page, a few twins at a time. */
  private Set<Long> loggedVersions(int twins, String from) throws Exception {
    Set<Long> versions = ConcurrentHashMap.newKeySet();
    try (ExecutorService pool = Executors.newFixedThreadPool(READERS)) {
      List<Future<?>> reads = new ArrayList<>();
      for (int i = 0; i < twins; i++) {
        String id = String.format(Locale.ROOT, "sensor-%05d", i);
        reads.add(pool.submit(() -> {
          collectChanges(id, from, versions);
          return null;
        }));
      }
      for (Future<?> read : reads) {
        read.get();
      }
    }
    return versions;
  }

  private void collectChanges(String id, String from, Set<Long> versions) throws IOException, InterruptedException {
    URI page = base.resolve("/digitaltwins/" + id + "/changes" + TwinSeeder.API_VERSION + "&maxItems=1000&from="
        + URLEncoder.encode(from, StandardCharsets.UTF_8));
    while (page != null) {
      HttpRequest.Builder request = HttpRequest.newBuilder(page);
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("GET " + page + " answered " + response.statusCode() + ": " + response.body());
      }
      JsonNode body = JSON.readTree(response.body());
      for (JsonNode change : body.path("value")) {
        versions.add(change.path("version").asLong());
      }
      page = body.hasNonNull("nextLink") ? base.resolve(body.get("nextLink").asText()) : null;
    }
  }
}
