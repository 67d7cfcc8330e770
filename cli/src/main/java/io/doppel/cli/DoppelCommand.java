package io.doppel.cli;

import picocli.CommandLine.Command;

/** {@code doppel}: the root of the command tree. */
@Command(name = "doppel", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Doppel digital-twin platform: run a server, or manage and query models, twins and relationships on one.",
    subcommands = {ServeCommand.class, ModelsCommand.class, TwinsCommand.class, RelationshipsCommand.class,
        QueryCommand.class, ImpactCommand.class, IndexesCommand.class,
        WatchCommand.class, RoutesCommand.class, HistoryCommand.class, TelemetryCommand.class, GenerateCommand.class,
        RulesCommand.class, AlertsCommand.class, MappingsCommand.class, DeadLettersCommand.class,
        ConnectorsCommand.class, SendCommandCommand.class, AnomaliesCommand.class, ForecastCommand.class,
        ScenariosCommand.class, ImportCommand.class, KeysCommand.class, PoliciesCommand.class, AuditCommand.class,
        TenantsCommand.class, StorageCommand.class, BackupCommand.class, RestoreCommand.class,
        WarningsCommand.class})
final class DoppelCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose a command");
  }
}
