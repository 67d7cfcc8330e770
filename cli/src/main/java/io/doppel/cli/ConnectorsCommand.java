package io.doppel.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code doppel connectors ...}: Kafka consumers and MQTT bridges configured at runtime, and the fixed ones. */
@Command(name = "connectors", mixinStandardHelpOptions = true,
    description = "Add (or reconfigure), list, show, pause, resume and delete connectors.",
    subcommands = {ConnectorsCommand.Add.class, ConnectorsCommand.ListConnectors.class, ConnectorsCommand.Show.class,
        ConnectorsCommand.Pause.class, ConnectorsCommand.Resume.class, ConnectorsCommand.Delete.class})
final class ConnectorsCommand {

  static String path(String id) {
    return "/connectors/" + ApiClient.segment(id);
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Configure a connector, e.g. {\"type\":\"kafka\",\"bootstrap\":\"host:9092\",\"topics\":[\"t\"]}.")
  static final class Add extends ClientCommand {
    @Parameters(index = "0", paramLabel = "<id>")
    String id;

    @Parameters(index = "1", paramLabel = "<config>", description = "The configuration: a file, inline JSON or -.")
    String config;

    @Override
    public void run() {
      print(api().put(path(id), Bodies.read(config, System.in)));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every connector with its status.")
  static final class ListConnectors extends ClientCommand {
    @Override
    public void run() {
      showItems("/connectors");
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One connector and its status.")
  static final class Show extends ClientCommand {
    @Parameters(paramLabel = "<id>")
    String id;

    @Override
    public void run() {
      show(path(id));
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stop taking messages (kept on restart).")
  static final class Pause extends ClientCommand {
    @Parameters(paramLabel = "<id>")
    String id;

    @Override
    public void run() {
      print(api().post(path(id) + ":pause", ApiClient.MAPPER.createObjectNode()));
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Take messages again.")
  static final class Resume extends ClientCommand {
    @Parameters(paramLabel = "<id>")
    String id;

    @Override
    public void run() {
      print(api().post(path(id) + ":resume", ApiClient.MAPPER.createObjectNode()));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Stop and delete a connector.")
  static final class Delete extends ClientCommand {
    @Parameters(paramLabel = "<id>")
    String id;

    @Override
    public void run() {
      delete(path(id), "deleted " + id);
    }
  }
}
