package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel storage [--min-free]} against a real server with its store on disk. */
class StorageCommandTest {
  @Test
  void showsTheDiskAndChangesTheReserve(@TempDir Path tmp) throws Exception {
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDataDir(tmp.resolve("data")))) {
      CliRun shown = run(server, "storage", "--compact");
      assertThat(shown.exit()).as(shown.err()).isZero();
      JsonNode status = ApiClient.MAPPER.readTree(shown.out());
      assertThat(status.path("minFree").asText()).isEqualTo("256MiB");
      assertThat(status.path("usableBytes").asLong()).isPositive();

      CliRun raised = run(server, "storage", "--min-free", "100%", "--compact");
      assertThat(raised.exit()).as(raised.err()).isZero();
      assertThat(ApiClient.MAPPER.readTree(raised.out()).path("writable").asBoolean()).isFalse();
      CliRun refused = run(server, "twins", "put", "t1", "{\"$metadata\":{\"$model\":\"dtmi:x:Y;1\"}}");
      assertThat(refused.exit()).isEqualTo(3); // a 5xx
      assertThat(refused.err()).contains("INSUFFICIENT_STORAGE");

      CliRun lowered = run(server, "storage", "--min-free", "0", "--compact");
      assertThat(ApiClient.MAPPER.readTree(lowered.out()).path("writable").asBoolean()).isTrue();
      CliRun bad = run(server, "storage", "--min-free", "lots");
      assertThat(bad.exit()).isEqualTo(2);
      assertThat(bad.err()).contains("--min-free").contains("256MiB");
    }
  }

  private static CliRun run(DoppelServer server, String... args) {
    String[] withUrl = java.util.Arrays.copyOf(args, args.length + 2);
    withUrl[args.length] = "--url";
    withUrl[args.length + 1] = server.baseUri().toString();
    return CliRun.run(withUrl);
  }
}
