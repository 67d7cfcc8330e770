package io.doppel.cli;

import static io.doppel.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CliCommandsTest {
  private static final String DEVICE = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Device;1","@type":"Interface",
       "contents":[{"@type":"Property","name":"serial","schema":"string"},
                   {"@type":"Property","name":"load","schema":"double"}]}
      """;
  private static final String RACK = """
      [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Rack;1","@type":"Interface",
        "contents":[{"@type":"Relationship","name":"holds","target":"dtmi:cli:Device;1"}]}]
      """;

  @RegisterExtension final CliServer server = CliServer.open();

  private void uploadModels(Path dir) throws Exception {
    Files.writeString(dir.resolve("device.json"), DEVICE);
    Files.writeString(dir.resolve("rack.json"), RACK);
    CliRun add = server.run("models", "add", dir.toString());
    assertThat(add.exit()).as(add.err()).isZero();
  }

  @Test
  void modelsAddUploadsADirectoryAsOneBatchAndListsThem(@TempDir Path dir) throws Exception {
    uploadModels(dir);
    CliRun list = server.run("models", "list", "--compact");
    assertThat(list.exit()).isZero();
    assertThat(list.json()).hasSize(2);
    CliRun get = server.run("models", "get", "dtmi:cli:Rack;1");
    assertThat(get.json().path("model").path("@id").asText()).isEqualTo("dtmi:cli:Rack;1");
    assertThat(server.run("models", "decommission", "dtmi:cli:Rack;1").exit()).isZero();
    assertThat(server.run("models", "get", "dtmi:cli:Rack;1").json().path("decommissioned").asBoolean())
        .isTrue();
    assertThat(server.run("models", "delete", "dtmi:cli:Rack;1").exit()).isZero();
    assertThat(server.run("models", "list").json()).hasSize(1);
  }

  @Test
  void twinCommandsReadBodiesInlineFromFilesAndPrintJson(@TempDir Path dir) throws Exception {
    uploadModels(dir);
    Path body = dir.resolve("d2.json");
    Files.writeString(body, "{\"$metadata\":{\"$model\":\"dtmi:cli:Device;1\"},\"serial\":\"B\"}");
    CliRun put = server.run("twins", "put", "d1",
        "{\"$metadata\":{\"$model\":\"dtmi:cli:Device;1\"},\"serial\":\"A\"}");
    assertThat(put.exit()).as(put.err()).isZero();
    assertThat(put.out()).contains("\n"); // pretty by default
    assertThat(put.json().path("serial").asText()).isEqualTo("A");
    assertThat(server.run("twins", "put", "d2", body.toString()).exit()).isZero();

    CliRun patched = server.run("twins", "patch", "d1", "[{\"op\":\"add\",\"path\":\"/load\",\"value\":0.5}]");
    assertThat(patched.exit()).as(patched.err()).isZero();
    assertThat(patched.json().path("load").asDouble()).isEqualTo(0.5);

    assertThat(server.run("twins", "get", "d2").json().path("serial").asText()).isEqualTo("B");
    assertThat(server.run("twins", "list").json()).hasSize(2);
    assertThat(server.run("twins", "delete", "d2").exit()).isZero();
    assertThat(server.run("twins", "list").json()).hasSize(1);
  }

  @Test
  void readsABodyFromStdinWhenGivenADash(@TempDir Path dir) throws Exception {
    uploadModels(dir);
    java.io.InputStream original = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream(
          "{\"$metadata\":{\"$model\":\"dtmi:cli:Device;1\"},\"serial\":\"S\"}".getBytes()));
      CliRun put = server.run("twins", "put", "d3", "-", "--compact");
      assertThat(put.exit()).as(put.err()).isZero();
      assertThat(put.out().strip()).doesNotContain("\n");
      assertThat(put.json().path("serial").asText()).isEqualTo("S");
    } finally {
      System.setIn(original);
    }
  }

  @Test
  void relationshipCommandsCreateListAndDelete(@TempDir Path dir) throws Exception {
    uploadModels(dir);
    server.run("twins", "put", "d1", "{\"$metadata\":{\"$model\":\"dtmi:cli:Device;1\"}}");
    server.run("twins", "put", "rack", "{\"$metadata\":{\"$model\":\"dtmi:cli:Rack;1\"}}");
    CliRun put = server.run("relationships", "put", "rack", "h1",
        "{\"$targetId\":\"d1\",\"$relationshipName\":\"holds\"}");
    assertThat(put.exit()).as(put.err()).isZero();
    assertThat(server.run("relationships", "get", "rack", "h1").json().path("$targetId").asText())
        .isEqualTo("d1");
    assertThat(server.run("relationships", "list", "rack", "--name", "holds").json()).hasSize(1);
    CliRun incoming = server.run("relationships", "incoming", "d1");
    assertThat(incoming.json().get(0).path("$sourceId").asText()).isEqualTo("rack");
    assertThat(server.run("relationships", "delete", "rack", "h1").exit()).isZero();
    assertThat(server.run("relationships", "list", "rack").json()).isEmpty();
  }

  @Test
  void mapsAnApiErrorToOneLineAndExitCodeOne() {
    CliRun missing = server.run("twins", "get", "ghost");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err().strip()).startsWith("error 404 TWIN_NOT_FOUND").doesNotContain("\n");
    assertThat(missing.out()).isEmpty();
  }

  @Test
  void reportsBadLocalInputAndUnreachableServersDistinctly() {
    CliRun badJson = server.run("twins", "put", "x", "{not json");
    assertThat(badJson.exit()).isEqualTo(2);
    assertThat(badJson.err()).contains("not valid JSON");
    CliRun noFile = server.run("twins", "put", "x", "/nonexistent/body.json");
    assertThat(noFile.exit()).isEqualTo(2);
    assertThat(noFile.err()).contains("cannot read");
    CliRun down = run("twins", "get", "x", "--url", "http://127.0.0.1:1");
    assertThat(down.exit()).isEqualTo(3);
    assertThat(down.err()).contains("cannot reach");
  }

  @Test
  void serveExplainsWhyItCannotStart() {
    CliRun badPort = run("serve", "--port", "70000");
    assertThat(badPort.exit()).isEqualTo(2);
    assertThat(badPort.err()).contains("port must be 0..65535");
    CliRun busy = run("serve", "--in-memory", "--host", "127.0.0.1", "--port", Integer.toString(server.get().port()));
    assertThat(busy.exit()).isEqualTo(3);
    assertThat(busy.err()).startsWith("doppel: cannot start the server").doesNotContain("\tat ");
    CliRun tls = run("serve", "--port", "0", "--tls-keystore", "/nonexistent.p12");
    assertThat(tls.exit()).isEqualTo(2);
    assertThat(tls.err()).contains("--tls-password");
  }

  @Test
  void explainsUsageMistakes() {
    CliRun missingArg = run("twins", "get");
    assertThat(missingArg.exit()).isEqualTo(2);
    assertThat(missingArg.err()).contains("Missing required parameter");
    CliRun unknown = run("frobnicate");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unmatched argument");
  }

  @Test
  void sendsTheBearerToken(@TempDir Path dir) throws Exception {
    try (DoppelServer tokenServer = DoppelServer.start(ServerConfig.ephemeral().withToken("t0k"))) {
      String url = tokenServer.baseUri().toString();
      CliRun anonymous = run("models", "list", "--url", url);
      assertThat(anonymous.exit()).isEqualTo(1);
      assertThat(anonymous.err()).contains("UNAUTHORIZED");
      assertThat(run("models", "list", "--url", url, "--token", "t0k").exit()).isZero();
    }
  }
}
