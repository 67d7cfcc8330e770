package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import io.doppel.server.auth.AuthConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code doppel generate --tenant}: a platform admin feeds another tenant; nothing reaches the default one. */
class GenerateTenantTest {
  private static final String ADMIN_KEY = "admin-key-for-generate-tests-01";

  private static JsonNode get(DoppelServer server, String path, String tenant) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path))
          .header("Authorization", "Bearer " + ADMIN_KEY);
      if (tenant != null) {
        request.header("Doppel-Tenant", tenant);
      }
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return new ObjectMapper().readTree(response.body());
    }
  }

  @Test
  void sendsEveryRequestToTheNamedTenant(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral()
        .withAuth(AuthConfig.required(ADMIN_KEY)))) {
      String url = server.baseUri().toString();
      GenerateCommandTest.Run created = GenerateCommandTest.run("tenants", "create", "acme", "--url", url,
          "--api-key", ADMIN_KEY);
      assertThat(created.exit()).as(created.err()).isZero();
      // acme holds the building pack's models (its mappings need them), not its twins
      java.nio.file.Path models = tmp.resolve("models.json");
      try (var in = getClass().getResourceAsStream("/doppel-examples/building/models.json")) {
        java.nio.file.Files.write(models, in.readAllBytes());
      }
      GenerateCommandTest.Run uploaded = GenerateCommandTest.run("models", "add", models.toString(), "--url", url,
          "--api-key", ADMIN_KEY, "--tenant", "acme");
      assertThat(uploaded.exit()).as(uploaded.err()).isZero();
      // acme has no twins: the devices' messages become acme's dead letters
      GenerateCommandTest.Run generated = GenerateCommandTest.run("generate", "--url", url, "--api-key", ADMIN_KEY,
          "--tenant", "acme", "--packs", "building", "--duration", "PT2S", "--report-every", "PT1S");
      assertThat(get(server, "/mappings", "acme").path("value").size()).as(generated.out() + generated.err())
          .isPositive();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
          get(server, "/deadletters", "acme").path("value").size() > 0);
      assertThat(get(server, "/mappings", null).path("value").size()).isZero();
      assertThat(get(server, "/deadletters", null).path("value").size()).isZero();

      GenerateCommandTest.Run overMqtt = GenerateCommandTest.run("generate", "--url", url, "--api-key", ADMIN_KEY,
          "--tenant", "acme", "--mqtt", "localhost:1883");
      assertThat(overMqtt.exit()).isEqualTo(CliFailure.BAD_INPUT);
      assertThat(overMqtt.err()).contains("--tenant works over HTTP only");
    }
  }
}
