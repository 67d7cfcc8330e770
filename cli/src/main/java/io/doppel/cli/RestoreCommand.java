package io.doppel.cli;

import io.doppel.server.backup.BackupFailure;
import io.doppel.server.backup.Restore;
import io.doppel.twin.DoppelException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code doppel restore <backup> --data <dir>}: copies a backup into a data directory no server has open. */
@Command(name = "restore", mixinStandardHelpOptions = true,
    description = "Restore a backup into a data directory (offline: no server may run on it). Then start "
        + "'doppel serve --data <dir>'.")
final class RestoreCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<backup-dir>", description = "A directory written by 'doppel backup' (has backup.json).")
  Path backup;

  @Option(names = "--data", required = true, paramLabel = "<dir>", description = "The data directory to restore into.")
  Path data;

  @Option(names = "--force", description = "Replace what a non-empty data directory holds.")
  boolean force;

  @Override
  public void run() {
    Restore.Report report;
    try {
      report = Restore.run(backup, data, force);
    } catch (BackupFailure e) {
      throw new CliFailure(CliFailure.REQUEST_REJECTED, "doppel restore: " + e.code() + ": " + e.getMessage());
    } catch (DoppelException e) {
      throw new CliFailure(CliFailure.SERVER_PROBLEM, "doppel restore: " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    BackupCommand.printStores(out, report.manifest().toJson());
    out.println("restored " + report.manifest().stores().size() + " stores (" + report.manifest().totalBytes()
        + " bytes) from " + backup.toAbsolutePath() + " into " + data.toAbsolutePath() + ": a backup taken "
        + report.manifest().created() + " by Doppel " + report.manifest().doppelVersion()
        + "; start it with: doppel serve --data " + data);
    out.flush();
  }
}
