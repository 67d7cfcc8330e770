package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The UI's files over plain HTTP: content types, revalidation, client-side routes, and what is not served. */
class UiRoutesTest {

  @Test
  void rootAndClientSideRoutesAnswerTheIndexPage() throws Exception {
    TestServer.test((server, http) -> {
      for (String path : new String[] {"/", "/ui", "/ui/graph", "/ui/twins/room.1", "/ui/no-such-page/deeper"}) {
        Http.Response response = http.get(path);
        assertThat(response.status()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).as(path).startsWith("text/html");
        assertThat(response.text()).as(path).contains("<script type=\"module\" src=\"/ui/static/app.js\">");
      }
    });
  }

  @Test
  void filesHaveTheirContentTypeAndAnETagThatAnswers304() throws Exception {
    TestServer.test((server, http) -> {
      Http.Response js = http.get("/ui/static/vendor/cytoscape.esm.min.mjs");
      assertThat(js.status()).isEqualTo(200);
      assertThat(js.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
      assertThat(js.headers().firstValue("Cache-Control")).hasValue("no-cache");
      String etag = js.etag();
      assertThat(etag).matches("\"[0-9a-f]{32}\"");

      Http.Response again = http.get("/ui/static/vendor/cytoscape.esm.min.mjs", "If-None-Match", etag);
      assertThat(again.status()).isEqualTo(304);
      assertThat(again.text()).isEmpty();
      assertThat(http.get("/ui/static/vendor/cytoscape.esm.min.mjs", "If-None-Match", "\"other\"").status()).isEqualTo(200);

      assertThat(http.get("/ui/static/app.css").headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
      assertThat(http.get("/ui/static/app.js").headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/javascript");
      Http.Response license = http.get("/ui/static/vendor/uPlot.LICENSE");
      assertThat(license.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
      assertThat(license.text()).contains("MIT");
    });
  }

  @Test
  void aMissingFileIsA404WithTheApiErrorShape() throws Exception {
    TestServer.test((server, http) -> {
      Http.Response response = http.get("/ui/static/pages/nope.js");
      assertThat(response.status()).isEqualTo(404);
      assertThat(response.errorCode()).isEqualTo("ROUTE_NOT_FOUND");
    });
  }

  @Test
  void nothingOutsideTheUiFolderCanBeNamed() throws Exception {
    TestServer.test((server, http) -> {
      // Sent byte for byte: an HTTP client library would normalise the dots away before sending.
      for (String path : new String[] {"/ui/static/../DoppelServer.class", "/ui/static/%2e%2e/DoppelServer.class",
          "/ui/static/vendor/../../UiRoutes.class", "/ui/static//etc/passwd"}) {
        String status = rawStatusLine(server.port(), path);
        assertThat(status).as(path).matches("HTTP/1\\.1 (400|404) .*");
      }
    });
  }

  @Test
  void theApiKeepsItsPathsAndTheUiIsNotInTheOpenApiDocument() throws Exception {
    TestServer.test((server, http) -> {
      assertThat(http.get("/health").json().path("status").asText()).isEqualTo("ready");
      assertThat(http.get("/openapi.json").json().path("paths").has("/")).isFalse();
      assertThat(server.routes()).noneMatch(r -> r.path().startsWith("/ui") || r.path().equals("/"));
    });
  }

  private static String rawStatusLine(int port, String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      return response.lines().findFirst().orElse("");
    }
  }
}
