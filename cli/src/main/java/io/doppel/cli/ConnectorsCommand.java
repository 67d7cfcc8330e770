package io.doppel.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code doppel connectors ...}: Kafka consumers and MQTT bridges configured at runtime, and the fixed ones. */
@Command(name = "connectors", mixinStandardHelpOptions = true,
    description = "Add (or reconfigure), list, show, pause, resume and delete connectors.",
    subcommands = {ConnectorsCommand.Add.class, ConnectorsCommand.ListConnectors.class, ConnectorsCommand.Show.class,
        ConnectorsCommand.Pause.class, ConnectorsCommand.Resume.class, ConnectorsCommand.Delete.class})
final class ConnectorsCommand {

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Configure a connector, e.g. {\"type\":\"kafka\",\"bootstrap\":\"host:9092\",\"topics\":[\"t\"]}.")
  static final class Add implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(index = "0", paramLabel = "<id>")
    String id;

    @Parameters(index = "1", paramLabel = "<config>", description = "The configuration: a file, inline JSON or -.")
    String config;

    @Override
    public void run() {
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(), api.put("/connectors/" + ApiClient.segment(id),
          Bodies.read(config, System.in)));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every connector with its status.")
  static final class ListConnectors implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Override
    public void run() {
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(), api.get("/connectors").path("value"));
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One connector and its status.")
  static final class Show implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "<id>")
    String id;

    @Override
    public void run() {
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(), api.get("/connectors/" + ApiClient.segment(id)));
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stop taking messages (kept on restart).")
  static final class Pause implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "<id>")
    String id;

    @Override
    public void run() {
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(), api.post("/connectors/" + ApiClient.segment(id) + ":pause",
          ApiClient.MAPPER.createObjectNode()));
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Take messages again.")
  static final class Resume implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "<id>")
    String id;

    @Override
    public void run() {
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(), api.post("/connectors/" + ApiClient.segment(id) + ":resume",
          ApiClient.MAPPER.createObjectNode()));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Stop and delete a connector.")
  static final class Delete implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "<id>")
    String id;

    @Override
    public void run() {
      new ApiClient(client).delete("/connectors/" + ApiClient.segment(id), null);
      spec.commandLine().getOut().println("deleted " + id);
    }
  }
}
