package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel backup} against a running server, {@code doppel restore}, and the offline backup. */
class BackupCommandsTest {
  private static final String MODEL = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Device;1","@type":"Interface",
       "contents":[{"@type":"Property","name":"serial","schema":"string"}]}
      """;

  record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void backsUpARunningServerRestoresItAndBacksUpAStoppedOne(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    Path backup = tmp.resolve("backup");
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDataDir(data))) {
      String url = server.baseUri().toString();
      Files.writeString(tmp.resolve("device.json"), MODEL);
      assertThat(run("models", "add", tmp.resolve("device.json").toString(), "--url", url).exit()).isZero();
      Run twin = run("twins", "put", "d1", "{\"$metadata\":{\"$model\":\"dtmi:cli:Device;1\"},\"serial\":\"A-1\"}",
          "--url", url);
      assertThat(twin.exit()).as(twin.err()).isZero();

      Run taken = run("backup", "--target", backup.toString(), "--url", url);
      assertThat(taken.exit()).as(taken.err()).isZero();
      assertThat(taken.out()).contains("backing up", "twins", "history", "backup written to " + backup);
      Run again = run("backup", "--target", backup.toString(), "--url", url);
      assertThat(again.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
      assertThat(again.err()).contains("BACKUP_TARGET_EXISTS");
      Run busy = run("backup", "--offline", "--data", data.toString(), "--target", tmp.resolve("x").toString());
      assertThat(busy.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
      assertThat(busy.err()).contains("DATA_DIR_IN_USE");
    }

    Path restored = tmp.resolve("restored");
    Run restore = run("restore", backup.toString(), "--data", restored.toString());
    assertThat(restore.exit()).as(restore.err()).isZero();
    assertThat(restore.out()).contains("restored 7 stores", "doppel serve --data " + restored);
    Run refused = run("restore", backup.toString(), "--data", restored.toString());
    assertThat(refused.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(refused.err()).contains("DATA_DIR_NOT_EMPTY", "--force");

    Path offline = tmp.resolve("offline");
    Run cold = run("backup", "--offline", "--data", restored.toString(), "--target", offline.toString());
    assertThat(cold.exit()).as(cold.err()).isZero();
    assertThat(cold.out()).contains("backup written to " + offline.toAbsolutePath());
    Path again = tmp.resolve("again");
    assertThat(run("restore", offline.toString(), "--data", again.toString()).exit()).isZero();
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDataDir(again))) {
      Run get = run("twins", "get", "d1", "--url", server.baseUri().toString());
      assertThat(get.exit()).as(get.err()).isZero();
      assertThat(get.out()).contains("A-1");
    }
  }
}
