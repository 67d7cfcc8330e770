package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.predict.anomaly.AnomalyKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

  /** The anomaly kinds are an enum in the document: a kind added to the detector must be added there too. */
  @Test
  void listsEveryAnomalyKind() throws Exception {
    TestServer.test((server, http) -> {
      List<String> kinds = Arrays.stream(AnomalyKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList();
      List<JsonNode> enums = new ArrayList<>();
      collectEnumsWith("new_extreme", http.get("/openapi.json").json(), enums);
      assertThat(enums).isNotEmpty();
      for (JsonNode e : enums) {
        List<String> listed = new ArrayList<>();
        e.forEach(v -> listed.add(v.asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(kinds);
      }
    });
  }

  private static void collectEnumsWith(String value, JsonNode node, List<JsonNode> found) {
    node.properties().forEach(field -> {
      if (field.getKey().equals("enum") && field.getValue().toString().contains('"' + value + '"')) {
        found.add(field.getValue());
      }
    });
    for (JsonNode child : node) {
      collectEnumsWith(value, child, found);
    }
  }
}
