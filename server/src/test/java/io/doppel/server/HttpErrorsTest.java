package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpErrorsTest {

  @Test
  void answersMalformedJsonWithItsPosition() throws Exception {
    TestServer.test((server, http) -> {
      Http.Response response = http.put("/digitaltwins/x", "{\"$metadata\": {");
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.errorCode()).isEqualTo("INVALID_JSON");
      assertThat(response.targets()).contains("line 1");
      assertThat(http.put("/digitaltwins/x", "{} {}").errorCode()).isEqualTo("INVALID_JSON");
      assertThat(http.put("/digitaltwins/x", "{\"a\":1,\"a\":2}").errorCode()).isEqualTo("INVALID_JSON");
      assertThat(http.put("/digitaltwins/x", "").errorCode()).isEqualTo("INVALID_JSON");
    });
  }

  @Test
  void answersABodyThatIsNoTextInItsGuessedEncodingAsMalformedJson() throws Exception {
    // found by the long http-mutation run (input #436,208, POST /auth/login with a body of NULs and bytes): the
    // leading NULs make Jackson read UTF-32, a unit past U+10FFFF threw CharConversionException, and that was a 500
    TestServer.test((server, http) -> {
      Http.Response response = http.send("POST", "/auth/login", "\0\0\0{\u0030\u007f\0\0", "application/json");
      assertThat(response.status()).as(response.text()).isEqualTo(400);
      assertThat(response.errorCode()).isEqualTo("INVALID_JSON");
      assertThat(response.targets()).contains("body");
      assertThat(http.send("PUT", "/digitaltwins/x", "\0\0\0{\u0030\u007f\0\0", "application/json").errorCode())
          .isEqualTo("INVALID_JSON");
    });
  }

  @Test
  void rejectsAWrongContentType() throws Exception {
    TestServer.test((server, http) -> {
      Http.Response response = http.send("PUT", "/digitaltwins/x", "a=b", "application/x-www-form-urlencoded");
      assertThat(response.status()).isEqualTo(415);
      assertThat(response.errorCode()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    });
  }

  @Test
  void rejectsABodyOverTheConfiguredLimit() throws Exception {
    TestServer.test(c -> c.withMaxBodyBytes(1000), (server, http) -> {
      String big = "{\"$metadata\":{\"$model\":\"dtmi:test:Room;1\"},\"name\":\"" + "x".repeat(2000) + "\"}";
      Http.Response response = http.put("/digitaltwins/x", big);
      assertThat(response.status()).isEqualTo(413);
      assertThat(response.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");
      assertThat(response.targets()).contains("body");
    });
  }

  @Test
  void rejectsAChunkedBodyOverTheLimitToo() throws Exception {
    TestServer.test(c -> c.withMaxBodyBytes(1000), (server, http) -> {
      byte[] big = ("{\"name\":\"" + "x".repeat(5000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      var request = java.net.http.HttpRequest.newBuilder(server.baseUri().resolve("/digitaltwins/x"))
          .header("Content-Type", "application/json")
          // an InputStream publisher has no known length, so the client sends it chunked
          .PUT(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
          .build();
      var response = java.net.http.HttpClient.newHttpClient()
          .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(response.body()).contains("PAYLOAD_TOO_LARGE");
    });
  }

  @Test
  void answersUnknownRoutesAndMethodsWithStableCodes() throws Exception {
    TestServer.test((server, http) -> {
      Http.Response route = http.get("/nowhere");
      assertThat(route.status()).isEqualTo(404);
      assertThat(route.errorCode()).isEqualTo("ROUTE_NOT_FOUND");
      Http.Response method = http.send("POST", "/digitaltwins/x", "{}", "application/json");
      assertThat(method.status()).isEqualTo(405);
      assertThat(method.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
    });
  }

  @Test
  void rejectsAnUnsupportedIfNoneMatch() throws Exception {
    TestServer.test((server, http) -> {
      Http.Response response = http.put("/digitaltwins/x", Fixtures.room("x", 1), "If-None-Match", "W/\"a\"");
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.targets()).contains("If-None-Match");
    });
  }

  @Test
  void requiresTheBearerTokenEverywhereButHealth() throws Exception {
    TestServer.test(c -> c.withToken("s3cret"), (server, http) -> {
      assertThat(http.get("/health").status()).isEqualTo(200);
      Http.Response anonymous = http.get("/models");
      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(anonymous.errorCode()).isEqualTo("UNAUTHORIZED");
      assertThat(http.get("/models", "Authorization", "Bearer wrong").status()).isEqualTo(401);
      assertThat(http.get("/models", "Authorization", "Bearer s3cret").status()).isEqualTo(200);
    });
  }

  @Test
  void reportsHealthWithVersionAndTwinCount() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createDevice(http, "d1");
      Http.Response health = http.get("/health");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().path("status").asText()).isEqualTo("ready");
      assertThat(health.json().path("twinCount").asLong()).isEqualTo(1);
      assertThat(health.json().path("version").asText()).isNotBlank();
    });
  }

  @Test
  void exposesRequestAndEngineMetrics() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createDevice(http, "d1");
      http.get("/digitaltwins/missing");
      String metrics = http.get("/metrics").text();
      assertThat(metrics).contains("doppel_twins 1.0");
      assertThat(metrics).contains("doppel_http_requests_seconds_count{method=\"PUT\",route=\"/digitaltwins/{id}\","
          + "status=\"200\"} 1");
      assertThat(metrics).contains("route=\"/digitaltwins/{id}\",status=\"404\"");
    });
  }

  /** Found by HttpMutationFuzzTest: Jetty refuses a {@code %00} in the path itself, and answered with HTML. */
  @Test
  void aRequestJettyRefusesStillGetsTheErrorShape() throws Exception {
    TestServer.test((server, http) -> {
      Http.Response response = http.put("/indexes/%00", "");
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
      assertThat(response.errorCode()).isEqualTo("INVALID_ARGUMENT");
      assertThat(response.json().path("error").path("message").asText()).startsWith("request refused");
      assertThat(response.json().path("error").path("details").isArray()).isTrue();
    });
  }
}
