package io.doppel.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class BarePeerTest {
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void answersNoContentToAJsonPatchAndBadRequestToAnythingElse() throws Exception {
    try (BarePeer peer = BarePeer.start()) {
      assertThat(patch(peer, "[{\"op\":\"replace\",\"path\":\"/lastTemperature\",\"value\":21.5}]"))
          .isEqualTo(204);
      assertThat(patch(peer, "{\"lastTemperature\":21.5}")).isEqualTo(400);
      assertThat(patch(peer, "[{\"op\":")).isEqualTo(400);
    }
  }

  private int patch(BarePeer peer, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(peer.base().resolve("/digitaltwins/sensor-00042"))
        .header("Content-Type", "application/json-patch+json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
