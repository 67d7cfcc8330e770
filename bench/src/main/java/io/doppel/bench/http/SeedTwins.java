package io.doppel.bench.http;

import java.net.URI;
import java.net.http.HttpClient;

/**
 * Loads the harness's models and {@code twins} sensors into a running server through its REST API (for
 * {@code bench/run-overload.sh}, whose server is a separate process). The API key comes from
 * {@code DOPPEL_API_KEY}.
 *
 * <pre>java -cp doppel-bench.jar io.doppel.bench.http.SeedTwins &lt;base-url&gt; &lt;twins&gt;</pre>
 */
public final class SeedTwins {
  private SeedTwins() {}

  public static void main(String[] args) throws Exception {
    String key = System.getenv("DOPPEL_API_KEY");
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      new TwinSeeder(client, URI.create(args[0]), key == null ? null : "Bearer " + key)
          .seed(Integer.parseInt(args[1]));
    }
  }
}
