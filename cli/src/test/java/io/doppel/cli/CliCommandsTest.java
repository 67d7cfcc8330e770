package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

  private DoppelServer server;
  private String url;

  /** One command's outcome. */
  record Run(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return ApiClient.MAPPER.readTree(out);
    }
  }

  @BeforeEach
  void start() {
    server = DoppelServer.start(ServerConfig.ephemeral());
    url = server.baseUri().toString();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private void uploadModels(Path dir) throws Exception {
    Files.writeString(dir.resolve("device.json"), DEVICE);
    Files.writeString(dir.resolve("rack.json"), RACK);
    Run add = run("models", "add", dir.toString(), "--url", url);
    assertThat(add.exit()).as(add.err()).isZero();
  }

  @Test
  void modelsAddUploadsADirectoryAsOneBatchAndListsThem(@TempDir Path dir) throws Exception {
    uploadModels(dir);
    Run list = run("models", "list", "--url", url, "--compact");
    assertThat(list.exit()).isZero();
    assertThat(list.json()).hasSize(2);
    Run get = run("models", "get", "dtmi:cli:Rack;1", "--url", url);
    assertThat(get.json().path("model").path("@id").asText()).isEqualTo("dtmi:cli:Rack;1");
    assertThat(run("models", "decommission", "dtmi:cli:Rack;1", "--url", url).exit()).isZero();
    assertThat(run("models", "get", "dtmi:cli:Rack;1", "--url", url).json().path("decommissioned").asBoolean())
        .isTrue();
    assertThat(run("models", "delete", "dtmi:cli:Rack;1", "--url", url).exit()).isZero();
    assertThat(run("models", "list", "--url", url).json()).hasSize(1);
  }

  @Test
  void twinCommandsReadBodiesInlineFromFilesAndPrintJson(@TempDir Path dir) throws Exception {
    uploadModels(dir);
    Path body = dir.resolve("d2.json");
    Files.writeString(body, "{\"$metadata\":{\"$model\":\"dtmi:cli:Device;1\"},\"serial\":\"B\"}");
    Run put = run("twins", "put", "d1", "{\"$metadata\":{\"$model\":\"dtmi:cli:Device;1\"},\"serial\":\"A\"}",
        "--url", url);
    assertThat(put.exit()).as(put.err()).isZero();
    assertThat(put.out()).contains("\n"); // pretty by default
    assertThat(put.json().path("serial").asText()).isEqualTo("A");
    assertThat(run("twins", "put", "d2", body.toString(), "--url", url).exit()).isZero();

    Run patched = run("twins", "patch", "d1", "[{\"op\":\"add\",\"path\":\"/load\",\"value\":0.5}]", "--url", url);
    assertThat(patched.exit()).as(patched.err()).isZero();
    assertThat(patched.json().path("load").asDouble()).isEqualTo(0.5);

    assertThat(run("twins", "get", "d2", "--url", url).json().path("serial").asText()).isEqualTo("B");
    assertThat(run("twins", "list", "--url", url).json()).hasSize(2);
    assertThat(run("twins", "delete", "d2", "--url", url).exit()).isZero();
    assertThat(run("twins", "list", "--url", url).json()).hasSize(1);
  }

  @Test
  void readsABodyFromStdinWhenGivenADash(@TempDir Path dir) throws Exception {
    uploadModels(dir);
    java.io.InputStream original = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream(
          "{\"$metadata\":{\"$model\":\"dtmi:cli:Device;1\"},\"serial\":\"S\"}".getBytes()));
      Run put = run("twins", "put", "d3", "-", "--url", url, "--compact");
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
    run("twins", "put", "d1", "{\"$metadata\":{\"$model\":\"dtmi:cli:Device;1\"}}", "--url", url);
    run("twins", "put", "rack", "{\"$metadata\":{\"$model\":\"dtmi:cli:Rack;1\"}}", "--url", url);
    Run put = run("relationships", "put", "rack", "h1", "{\"$targetId\":\"d1\",\"$relationshipName\":\"holds\"}",
        "--url", url);
    assertThat(put.exit()).as(put.err()).isZero();
    assertThat(run("relationships", "get", "rack", "h1", "--url", url).json().path("$targetId").asText())
        .isEqualTo("d1");
    assertThat(run("relationships", "list", "rack", "--name", "holds", "--url", url).json()).hasSize(1);
    Run incoming = run("relationships", "incoming", "d1", "--url", url);
    assertThat(incoming.json().get(0).path("$sourceId").asText()).isEqualTo("rack");
    assertThat(run("relationships", "delete", "rack", "h1", "--url", url).exit()).isZero();
    assertThat(run("relationships", "list", "rack", "--url", url).json()).isEmpty();
  }

  @Test
  void mapsAnApiErrorToOneLineAndExitCodeOne() {
    Run missing = run("twins", "get", "ghost", "--url", url);
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err().strip()).startsWith("error 404 TWIN_NOT_FOUND").doesNotContain("\n");
    assertThat(missing.out()).isEmpty();
  }

  @Test
  void reportsBadLocalInputAndUnreachableServersDistinctly() {
    Run badJson = run("twins", "put", "x", "{not json", "--url", url);
    assertThat(badJson.exit()).isEqualTo(2);
    assertThat(badJson.err()).contains("not valid JSON");
    Run noFile = run("twins", "put", "x", "/nonexistent/body.json", "--url", url);
    assertThat(noFile.exit()).isEqualTo(2);
    assertThat(noFile.err()).contains("cannot read");
    Run down = run("twins", "get", "x", "--url", "http://127.0.0.1:1");
    assertThat(down.exit()).isEqualTo(3);
    assertThat(down.err()).contains("cannot reach");
  }

  @Test
  void serveExplainsWhyItCannotStart() {
    Run badPort = run("serve", "--port", "70000");
    assertThat(badPort.exit()).isEqualTo(2);
    assertThat(badPort.err()).contains("port must be 0..65535");
    Run busy = run("serve", "--in-memory", "--host", "127.0.0.1", "--port", Integer.toString(server.port()));
    assertThat(busy.exit()).isEqualTo(3);
    assertThat(busy.err()).startsWith("doppel: cannot start the server").doesNotContain("\tat ");
    Run tls = run("serve", "--port", "0", "--tls-keystore", "/nonexistent.p12");
    assertThat(tls.exit()).isEqualTo(2);
    assertThat(tls.err()).contains("--tls-password");
  }

  @Test
  void explainsUsageMistakes() {
    Run missingArg = run("twins", "get");
    assertThat(missingArg.exit()).isEqualTo(2);
    assertThat(missingArg.err()).contains("Missing required parameter");
    Run unknown = run("frobnicate");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unmatched argument");
  }

  @Test
  void sendsTheBearerToken(@TempDir Path dir) throws Exception {
    server.close();
    server = DoppelServer.start(ServerConfig.ephemeral().withToken("t0k"));
    url = server.baseUri().toString();
    Run anonymous = run("models", "list", "--url", url);
    assertThat(anonymous.exit()).isEqualTo(1);
    assertThat(anonymous.err()).contains("UNAUTHORIZED");
    assertThat(run("models", "list", "--url", url, "--token", "t0k").exit()).isZero();
  }
}
