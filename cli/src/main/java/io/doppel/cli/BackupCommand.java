package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.server.backup.BackupFailure;
import io.doppel.server.backup.BackupManifest;
import io.doppel.server.backup.OfflineBackup;
import io.doppel.twin.DoppelException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code doppel backup}: asks a running server for an online backup ({@code POST /admin/backup}), or with
 * {@code --offline} backs up a stopped server's data directory itself.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = "Back up a running server's data (online, on the server's machine) or, with --offline, a stopped "
        + "server's data directory.")
final class BackupCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Option(names = "--target", paramLabel = "<dir>",
      description = "Directory for the backup (new or empty). Online: a path on the server, relative to its data "
          + "directory; default <data>/backups/<UTC time>. Required with --offline.")
  String target;

  @Option(names = "--offline", description = "Back up the data directory given with --data directly (the server "
      + "must be stopped).")
  boolean offline;

  @Option(names = "--data", paramLabel = "<dir>", description = "With --offline: the data directory to back up.")
  Path data;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    if (offline) {
      if (data == null || target == null) {
        throw new ParameterException(spec.commandLine(), "--offline needs --data <dir> and --target <dir>");
      }
      BackupManifest manifest;
      try {
        manifest = OfflineBackup.run(data, Path.of(target), version(), Clock.systemUTC());
      } catch (BackupFailure e) {
        throw new CliFailure(CliFailure.REQUEST_REJECTED, "doppel backup: " + e.code() + ": " + e.getMessage());
      } catch (DoppelException e) {
        throw new CliFailure(CliFailure.SERVER_PROBLEM, "doppel backup: " + e.getMessage(), e);
      }
      print(out, Path.of(target).toAbsolutePath().toString(), manifest.toJson(), manifest.totalBytes());
      return;
    }
    if (data != null) {
      throw new ParameterException(spec.commandLine(), "--data is for --offline; an online backup is written by "
          + "the server into its own data directory (or --target)");
    }
    ObjectNode body = ApiClient.MAPPER.createObjectNode();
    if (target != null) {
      body.put("target", target);
    }
    out.println("backing up " + client.url + " ...");
    out.flush();
    JsonNode answer = new ApiClient(client).post("/admin/backup", body);
    print(out, answer.path("target").asText(), answer, answer.path("bytes").asLong());
  }

  /** One line per store: what an operator checks before relying on a backup. */
  static void printStores(PrintWriter out, JsonNode manifest) {
    for (JsonNode store : manifest.path("stores")) {
      String tenant = store.path("tenant").asText("");
      out.printf("  %-8s sequence %d, %d files, %d bytes%n", (tenant.isEmpty() ? "" : tenant + "/")
          + store.path("name").asText(),
          store.path("sequence").asLong(), store.path("files").asInt(), store.path("bytes").asLong());
    }
  }

  private static void print(PrintWriter out, String where, JsonNode manifest, long bytes) {
    printStores(out, manifest);
    out.println("backup written to " + where + " (" + manifest.path("stores").size() + " stores, " + bytes
        + " bytes, data format " + manifest.path("dataFormat").asInt() + ", taken " + manifest.path("created").asText()
        + ")");
    out.flush();
  }

  static String version() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
