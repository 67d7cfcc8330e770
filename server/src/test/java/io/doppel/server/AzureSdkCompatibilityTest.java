package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.models.JsonPatchDocument;
import com.azure.digitaltwins.core.BasicDigitalTwin;
import com.azure.digitaltwins.core.BasicDigitalTwinComponent;
import com.azure.digitaltwins.core.BasicDigitalTwinMetadata;
import com.azure.digitaltwins.core.BasicRelationship;
import com.azure.digitaltwins.core.DigitalTwinsClient;
import com.azure.digitaltwins.core.DigitalTwinsClientBuilder;
import com.azure.digitaltwins.core.models.DigitalTwinsModelData;
import com.azure.digitaltwins.core.models.IncomingRelationship;
import com.azure.digitaltwins.core.models.QueryOptions;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** Microsoft's own Java SDK for Azure Digital Twins, over HTTPS with a bearer token, against Doppel. */
class AzureSdkCompatibilityTest {
  private static final String PASSWORD = "changeit";
  private static final String TOKEN = "sdk-test-token";

  @TempDir
  static Path dir;
  private static Path keystore;
  private static X509Certificate certificate;

  @BeforeAll
  static void selfSignedCertificate() throws Exception {
    keystore = dir.resolve("doppel.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "doppel", "-keyalg", "EC",
        "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    certificate = (X509Certificate) store.getCertificate("doppel");
  }

  private static DigitalTwinsClient client(DoppelServer server) throws Exception {
    SslContext ssl = SslContextBuilder.forClient().trustManager(certificate).build();
    TokenCredential credential =
        request -> Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
    return new DigitalTwinsClientBuilder()
        .endpoint("https://127.0.0.1:" + server.port())
        .credential(credential)
        .httpClient(new NettyAsyncHttpClientBuilder(
            reactor.netty.http.client.HttpClient.create().secure(spec -> spec.sslContext(ssl))).build())
        .buildClient();
  }

  @Test
  void theAzureSdkDrivesModelsTwinsAndRelationships() throws Exception {
    TestServer.test(c -> c.withTls(keystore, PASSWORD).withToken(TOKEN), (server, http) -> {
      DigitalTwinsClient client = client(server);
      List<String> models = new ArrayList<>();
      Http.MAPPER.readTree(Fixtures.MODELS).forEach(m -> models.add(m.toString()));

      List<String> created = new ArrayList<>();
      client.createModels(models).forEach(m -> created.add(m.getModelId()));
      assertThat(created).containsExactlyInAnyOrder(Fixtures.ROOM, Fixtures.DEVICE, Fixtures.THERMOSTAT);
      DigitalTwinsModelData room = client.getModel(Fixtures.ROOM);
      assertThat(room.getModelId()).isEqualTo(Fixtures.ROOM);
      assertThat(room.getDtdlModel()).contains("temperature");
      assertThat(client.listModels().stream().map(DigitalTwinsModelData::getModelId))
          .contains(Fixtures.ROOM, Fixtures.DEVICE);

      BasicDigitalTwin twin = new BasicDigitalTwin("room-1")
          .setMetadata(new BasicDigitalTwinMetadata().setModelId(Fixtures.ROOM))
          .addToContents("name", "Lobby")
          .addToContents("temperature", 20.5)
          .addToContents("thermostat", new BasicDigitalTwinComponent().addToContents("setPoint", 21.0));
      BasicDigitalTwin stored = client.createOrReplaceDigitalTwin("room-1", twin, BasicDigitalTwin.class);
      assertThat(stored.getETag()).isNotBlank();
      assertThat(stored.getMetadata().getModelId()).isEqualTo(Fixtures.ROOM);

      client.updateDigitalTwin("room-1", new JsonPatchDocument().appendReplace("/temperature", 23.0));
      BasicDigitalTwin read = client.getDigitalTwin("room-1", BasicDigitalTwin.class);
      assertThat(((Number) read.getContents().get("temperature")).doubleValue()).isEqualTo(23.0);
      assertThat(read.getETag()).isNotEqualTo(stored.getETag());

      client.updateComponent("room-1", "thermostat", new JsonPatchDocument().appendReplace("/setPoint", 18.0));
      BasicDigitalTwinComponent thermostat =
          client.getComponent("room-1", "thermostat", BasicDigitalTwinComponent.class);
      assertThat(((Number) thermostat.getContents().get("setPoint")).doubleValue()).isEqualTo(18.0);

      client.createOrReplaceDigitalTwin("dev-1", new BasicDigitalTwin("dev-1")
          .setMetadata(new BasicDigitalTwinMetadata().setModelId(Fixtures.DEVICE))
          .addToContents("serial", "SN-1"), BasicDigitalTwin.class);
      BasicRelationship rel = client.createOrReplaceRelationship("room-1", "r1",
          new BasicRelationship("r1", "room-1", "dev-1", "contains").addProperty("since", "2024-01-01"),
          BasicRelationship.class);
      assertThat(rel.getTargetId()).isEqualTo("dev-1");
      client.updateRelationship("room-1", "r1", new JsonPatchDocument().appendReplace("/since", "2025-05-05"));
      assertThat(client.getRelationship("room-1", "r1", BasicRelationship.class).getProperties().get("since"))
          .isEqualTo("2025-05-05");

      assertThat(client.listRelationships("room-1", BasicRelationship.class).stream()
          .map(BasicRelationship::getId)).containsExactly("r1");
      List<IncomingRelationship> incoming = client.listIncomingRelationships("dev-1").stream().toList();
      assertThat(incoming).hasSize(1);
      assertThat(incoming.getFirst().getSourceId()).isEqualTo("room-1");
      assertThat(incoming.getFirst().getRelationshipName()).isEqualTo("contains");

      client.deleteRelationship("room-1", "r1");
      client.deleteDigitalTwin("dev-1");
      assertThatThrownBy(() -> client.getDigitalTwin("dev-1", BasicDigitalTwin.class))
          .isInstanceOfSatisfying(HttpResponseException.class,
              e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(404));

      client.deleteDigitalTwin("room-1");
      client.decommissionModel(Fixtures.DEVICE);
      assertThat(client.getModel(Fixtures.DEVICE).isDecommissioned()).isTrue();
      client.deleteModel(Fixtures.ROOM);
      assertThat(client.listModels().stream().map(DigitalTwinsModelData::getModelId))
          .doesNotContain(Fixtures.ROOM);
    });
  }

  @Test
  void theSdkPagesThroughManyRelationships() throws Exception {
    TestServer.test(c -> c.withTls(keystore, PASSWORD).withToken(TOKEN), (server, http) -> {
      DigitalTwinsClient client = client(server);
      List<String> models = new ArrayList<>();
      Http.MAPPER.readTree(Fixtures.MODELS).forEach(m -> models.add(m.toString()));
      client.createModels(models);
      client.createOrReplaceDigitalTwin("dev-1", new BasicDigitalTwin("dev-1")
          .setMetadata(new BasicDigitalTwinMetadata().setModelId(Fixtures.DEVICE)), BasicDigitalTwin.class);
      client.createOrReplaceDigitalTwin("room-1", new BasicDigitalTwin("room-1")
          .setMetadata(new BasicDigitalTwinMetadata().setModelId(Fixtures.ROOM))
          .addToContents("thermostat", new BasicDigitalTwinComponent()), BasicDigitalTwin.class);
      int count = Requests.DEFAULT_PAGE_SIZE + 20;
      for (int i = 0; i < count; i++) {
        client.createOrReplaceRelationship("room-1", "r" + i,
            new BasicRelationship("r" + i, "room-1", "dev-1", "contains"), BasicRelationship.class);
      }
      assertThat(client.listRelationships("room-1", BasicRelationship.class).stream().count()).isEqualTo(count);
      assertThat(client.listIncomingRelationships("dev-1").stream().count()).isEqualTo(count);
    });
  }

  @Test
  void theSdkQueriesTwinsAndRelationshipsAcrossPages() throws Exception {
    TestServer.test(c -> c.withTls(keystore, PASSWORD).withToken(TOKEN), (server, http) -> {
      DigitalTwinsClient client = client(server);
      List<String> models = new ArrayList<>();
      Http.MAPPER.readTree(Fixtures.MODELS).forEach(m -> models.add(m.toString()));
      client.createModels(models);
      client.createOrReplaceDigitalTwin("dev-1", new BasicDigitalTwin("dev-1")
          .setMetadata(new BasicDigitalTwinMetadata().setModelId(Fixtures.DEVICE)), BasicDigitalTwin.class);
      int rooms = 30;
      for (int i = 0; i < rooms; i++) {
        client.createOrReplaceDigitalTwin("room-" + i, new BasicDigitalTwin("room-" + i)
            .setMetadata(new BasicDigitalTwinMetadata().setModelId(Fixtures.ROOM))
            .addToContents("temperature", 15.0 + i)
            .addToContents("thermostat", new BasicDigitalTwinComponent()), BasicDigitalTwin.class);
        client.createOrReplaceRelationship("room-" + i, "r" + i,
            new BasicRelationship("r" + i, "room-" + i, "dev-1", "contains"), BasicRelationship.class);
      }

      QueryOptions smallPages = new QueryOptions().setMaxItemsPerPage(7);
      List<BasicDigitalTwin> warm = client.query(
          "SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('" + Fixtures.ROOM + "') AND temperature >= 30",
          BasicDigitalTwin.class, smallPages, com.azure.core.util.Context.NONE).stream().toList();
      assertThat(warm).hasSize(15);
      assertThat(warm).allSatisfy(t -> assertThat(t.getMetadata().getModelId()).isEqualTo(Fixtures.ROOM));

      var pages = client.query("SELECT * FROM RELATIONSHIPS R WHERE R.$targetId = 'dev-1'",
          BasicRelationship.class, smallPages, com.azure.core.util.Context.NONE).streamByPage().toList();
      assertThat(pages.size()).isGreaterThanOrEqualTo(5);
      assertThat(pages.stream().mapToLong(p -> p.getValue().size()).sum()).isEqualTo(rooms);
    });
  }

  @Test
  void theSdkIsRefusedWithoutTheToken() throws Exception {
    TestServer.test(c -> c.withTls(keystore, PASSWORD).withToken("another-token"), (server, http) -> {
      DigitalTwinsClient client = client(server);
      assertThatThrownBy(() -> client.getDigitalTwin("x", BasicDigitalTwin.class))
          .isInstanceOfSatisfying(HttpResponseException.class,
              e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(401));
    });
  }
}
