package io.doppel.bench.http;

import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Doppel as a load target: the real composition root ({@link DoppelServer}) on the durable RocksDB store in a fresh
 * data directory, seeded through its own REST API with the factory pack's models and {@code twins} temperature
 * sensors before the clock starts.
 */
final class DoppelTarget implements LoadTarget {
  private final DoppelServer server;

  private DoppelTarget(DoppelServer server) {
    this.server = server;
  }

  static DoppelTarget start(Path dataDir, int twins) throws IOException, InterruptedException {
    DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDataDir(dataDir));
    DoppelTarget target = new DoppelTarget(server);
    try {
      long started = System.nanoTime();
      HttpClient client = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
      new TwinSeeder(client, target.base()).seed(twins);
      System.out.printf(Locale.ROOT, "doppel: seeded %,d twins in %s through the REST API (data in %s)%n",
          twins, Duration.ofNanos(System.nanoTime() - started).truncatedTo(ChronoUnit.MILLIS),
          dataDir);
      return target;
    } catch (IOException | InterruptedException | RuntimeException e) {
      target.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return "doppel";
  }

  @Override
  public URI base() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  @Override
  public Wrk.PatchTarget patches() {
    return new Wrk.PatchTarget("/digitaltwins/sensor-", TwinSeeder.API_VERSION, "lastTemperature");
  }

  @Override
  public void close() {
    server.close();
  }
}
