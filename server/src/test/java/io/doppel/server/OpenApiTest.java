package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class OpenApiTest {

  @Test
  void documentsEveryRegisteredRoute() throws Exception {
    TestServer.test((server, http) -> {
      Http.Response response = http.get("/openapi.json");
      assertThat(response.status()).isEqualTo(200);
      JsonNode doc = response.json();
      assertThat(doc.path("openapi").asText()).startsWith("3.1");
      assertThat(server.routes()).hasSizeGreaterThan(15);
      for (RouteTable.Route route : server.routes()) {
        JsonNode operation = doc.path("paths").path(route.path())
            .path(route.method().name().toLowerCase(Locale.ROOT));
        assertThat(operation.isObject()).as(route.method() + " " + route.path()).isTrue();
        assertThat(operation.path("responses").isObject()).as(route.method() + " " + route.path()).isTrue();
      }
    });
  }

  @Test
  void documentsNoRouteThatDoesNotExist() throws Exception {
    TestServer.test((server, http) -> {
      JsonNode paths = http.get("/openapi.json").json().path("paths");
      paths.properties().forEach(path -> path.getValue().properties().forEach(op ->
          assertThat(server.routes()).as(op.getKey() + " " + path.getKey())
              .anyMatch(r -> r.path().equals(path.getKey())
                  && r.method().name().equalsIgnoreCase(op.getKey()))));
    });
  }
}
