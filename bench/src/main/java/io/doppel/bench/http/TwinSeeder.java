package io.doppel.bench.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Loads the harness's data set through Doppel's public REST API, as a user would: the factory pack's models as one
 * batch, then {@code twins} {@code TemperatureSensor} twins named {@code sensor-00000}, {@code sensor-00001}, ...
 */
final class TwinSeeder {
  static final String API_VERSION = "?api-version=2023-10-31";
  static final String SENSOR_MODEL = "dtmi:io:doppel:examples:factory:TemperatureSensor;1";
  private static final int IN_FLIGHT = 32;

  private final HttpClient client;
  private final URI base;
  /** The {@code Authorization} header every request carries, or null for a server without authentication. */
  private final String authorization;

  TwinSeeder(HttpClient client, URI base) {
    this(client, base, null);
  }

  TwinSeeder(HttpClient client, URI base, String authorization) {
    this.client = client;
    this.base = base;
    this.authorization = authorization;
  }

  void seed(int twins) throws IOException, InterruptedException {
    send(authorized(HttpRequest.newBuilder(base.resolve("/models" + API_VERSION)))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(factoryModels()))
        .build());
    // Index batches keep IN_FLIGHT requests going without a semaphore; the server sees steady parallel load.
    try (ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT)) {
      List<Future<Void>> batches = new ArrayList<>();
      for (int worker = 0; worker < IN_FLIGHT; worker++) {
        int first = worker;
        batches.add(pool.submit(() -> {
          for (int i = first; i < twins; i += IN_FLIGHT) {
            send(createSensor(i));
          }
          return null;
        }));
      }
      for (Future<Void> batch : batches) {
        try {
          batch.get();
        } catch (ExecutionException e) {
          throw new IOException("seeding twins failed: " + e.getCause().getMessage(), e.getCause());
        }
      }
    }
  }

  private HttpRequest createSensor(int index) {
    String id = String.format(Locale.ROOT, "sensor-%05d", index);
    String body = String.format(Locale.ROOT, """
        {"$metadata": {"$model": "%s"}, "name": "Temperature sensor %d", "assetTag": "S-%d",
         "commissionedOn": "2024-03-01", "serialNumber": "SN%06d", "samplingInterval": 1000.0,
         "mountPoint": "motor housing", "alarmHigh": 85.0, "lastTemperature": %.1f}""",
        SENSOR_MODEL, index, 100_000 + index, index, 20.0 + index % 40);
    return authorized(HttpRequest.newBuilder(base.resolve("/digitaltwins/" + id + API_VERSION)))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder request) {
    return authorization == null ? request : request.header("Authorization", authorization);
  }

  private void send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(request.method() + " " + request.uri().getPath() + " answered "
          + response.statusCode() + ": " + response.body());
    }
  }

  private static String factoryModels() throws IOException {
    try (InputStream in = TwinSeeder.class.getClassLoader()
        .getResourceAsStream("doppel-examples/factory/models.json")) {
      if (in == null) {
        throw new IOException("doppel-examples/factory/models.json is not on the classpath (doppel-examples jar)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
