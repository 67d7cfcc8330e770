package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code doppel command <twinId> <name> [<json>]}: sends a command to the twin's devices over MQTT. */
@Command(name = "command", mixinStandardHelpOptions = true,
    description = "Send a command to the devices of a twin (an MQTT publish on twins/{id}/commands/{name} to every "
        + "connected device subscribed to it); fails with COMMAND_NOT_DELIVERED when none is.")
final class SendCommandCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Parameters(index = "0", paramLabel = "<twinId>") String twinId;
  @Parameters(index = "1", paramLabel = "<name>", description = "The command's name, e.g. reboot.") String name;
  @Parameters(index = "2", paramLabel = "<json>", arity = "0..1", defaultValue = "{}",
      description = "The payload: JSON inline, a file, or '-' for stdin. Default: {}")
  String body;

  @Override
  public void run() {
    JsonNode payload = Bodies.read(body, System.in);
    ApiClient api = new ApiClient(client);
    api.print(spec.commandLine().getOut(),
        api.post(TwinsCommand.path(twinId) + "/commands/" + ApiClient.segment(name), payload));
  }
}
