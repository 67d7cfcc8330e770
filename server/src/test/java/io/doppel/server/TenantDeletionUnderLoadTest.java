package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.server.auth.AuthConfig;
import io.doppel.server.auth.FailureLimit;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant deleted while writers, readers and a stream work in it: every request completes, with a 2xx or a clean
 * 4xx (404 {@code TENANT_NOT_FOUND}, or 401/403 once its keys are revoked), never a 5xx; the deletion completes.
 */
class TenantDeletionUnderLoadTest {
  private static final String ADMIN_KEY = "admin-key-for-deletion-tests-01";
  private static final int WRITERS = 16;

  @Test
  void requestsDuringADeletionCompleteOrGetAClean4xx(@TempDir Path dir) throws Exception {
    // many refused keys from one address: the failure limit is not what this test is about
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY).withFailureLimit(FailureLimit.OFF))
        .withDataDir(dir), (server, http) -> {
      Http platform = TenantsApiTest.as(http, ADMIN_KEY);
      Http acme = TenantsApiTest.as(http, TenantsApiTest.tenantAdmin(platform, "acme"));
      HistoryApiTest.meter(acme, "m0");
      Http acmeByHeader = platform.withHeader("Doppel-Tenant", "acme");

      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger ok = new AtomicInteger();
      Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
      List<String> serverErrors = java.util.Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        Http caller = w % 2 == 0 ? acme : acmeByHeader;
        workers.add(pool.submit(() -> {
          for (int i = 0; !stop.get(); i++) {
            Http.Response r = switch (i % 6) {
              case 0 -> caller.put("/digitaltwins/m" + writer + "-" + i,
                  "{\"$metadata\":{\"$model\":\"dtmi:test:SmartMeter;1\"},\"limit\":" + i + "}");
              case 1 -> caller.patch("/digitaltwins/m0", "[{\"op\":\"replace\",\"path\":\"/limit\",\"value\":" + i
                  + "}]");
              case 2 -> caller.post("/digitaltwins/m0/telemetry", "{\"power\":" + i + "}");
              case 3 -> caller.post("/query?format=csv", "{\"query\":\"SELECT * FROM DIGITALTWINS\"}");
              case 4 -> caller.get("/digitaltwins/m0/history?name=power&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z");
              default -> caller.post("/query", "{\"query\":\"SELECT COUNT() FROM DIGITALTWINS\"}");
            };
            if (r.status() >= 500) {
              serverErrors.add(r.status() + " " + r.text());
            } else if (r.status() >= 400) {
              refusals.computeIfAbsent(r.status() + " " + r.errorCode(), k -> new AtomicInteger()).incrementAndGet();
            } else {
              ok.incrementAndGet();
            }
          }
          return null;
        }));
      }
      try (SseClient stream = SseClient.connect(server.baseUri(), "/events", "Authorization",
          "Bearer " + ADMIN_KEY, "Doppel-Tenant", "acme")) {
        assertThat(stream.status()).isEqualTo(200);
        while (ok.get() < 50) {
          Thread.sleep(10); // the writers are busy in the tenant
        }
        Future<Http.Response> deleted = pool.submit(() -> platform.delete("/tenants/acme"));
        assertThat(deleted.get(120, TimeUnit.SECONDS).status()).isEqualTo(204);
        stream.untilEnd(); // the stream ended with the tenant
        int before = refusals.values().stream().mapToInt(AtomicInteger::get).sum();
        while (refusals.values().stream().mapToInt(AtomicInteger::get).sum() < before + 2 * WRITERS) {
          Thread.sleep(10); // each writer sees the tenant gone
        }
        stop.set(true);
        for (Future<?> worker : workers) {
          worker.get(120, TimeUnit.SECONDS); // none hangs
        }
      } finally {
        stop.set(true);
        pool.shutdownNow();
      }
      assertThat(serverErrors).isEmpty();
      assertThat(refusals.keySet()).isNotEmpty()
          .allMatch(k -> k.equals("404 TENANT_NOT_FOUND") || k.equals("401 UNAUTHORIZED")
              || k.equals("403 TENANT_FORBIDDEN"), "clean refusals only");
      assertThat(refusals).containsKey("404 TENANT_NOT_FOUND");
      assertThat(platform.get("/digitaltwins/m0", "Doppel-Tenant", "acme").errorCode())
          .isEqualTo("TENANT_NOT_FOUND");
    });
  }

  /** Points of the export read while the tenant is deleted: far more than the sockets between us buffer. */
  private static final int POINTS = 60_000;

  @Test
  void anExportInFlightCompletesBeforeTheTenantsStoresClose(@TempDir Path dir) throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)).withDataDir(dir), (server, http) -> {
      Http platform = TenantsApiTest.as(http, ADMIN_KEY);
      Http acme = TenantsApiTest.as(http, TenantsApiTest.tenantAdmin(platform, "acme"));
      HistoryApiTest.meter(acme, "m0");
      Instant from = Instant.now().minusSeconds(POINTS + 60L);
      for (int sent = 0; sent < POINTS; ) {
        StringBuilder body = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < 4000 && sent < POINTS; i++, sent++) {
          body.append(i == 0 ? "" : ",").append("{\"topic\":\"twins/m0/telemetry\",\"payload\":{\"power\":")
              .append(sent).append(",\"voltage\":230},\"headers\":{\"Telemetry-Source-Time\":\"")
              .append(from.plusSeconds(sent)).append("\"}}");
        }
        Http.Response batch = acme.post("/ingest/batch", body.append("]}").toString());
        assertThat(batch.status()).as(batch.text()).isEqualTo(200);
      }
      ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
      try (HttpClient client = HttpClient.newHttpClient()) {
        HttpResponse<InputStream> export = client.send(HttpRequest.newBuilder(server.baseUri().resolve(
            "/digitaltwins/m0/history/export?format=csv&name=power&name=voltage&from=" + from.minusSeconds(1) + "&to=" + Instant.now()))
            .header("Authorization", "Bearer " + ADMIN_KEY).header("Doppel-Tenant", "acme").GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
        assertThat(export.statusCode()).isEqualTo(200);
        try (InputStream body = export.body()) {
          byte[] first = body.readNBytes(4096); // the server now waits for this slow reader
          Future<Http.Response> deleted = pool.submit(() -> platform.delete("/tenants/acme"));
          Thread.sleep(1000); // let the deletion reach the point where it would close the tenant's stores
          String all = new String(first, StandardCharsets.UTF_8) + new String(body.readAllBytes(),
              StandardCharsets.UTF_8);
          assertThat(all.lines().filter(l -> !l.isBlank()).count()).as("header and every point of both series")
              .isEqualTo(1 + 2L * POINTS);
          assertThat(deleted.get(120, TimeUnit.SECONDS).status()).isEqualTo(204);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(platform.get("/digitaltwins/m0", "Doppel-Tenant", "acme").errorCode()).isEqualTo("TENANT_NOT_FOUND");
    });
  }
}
