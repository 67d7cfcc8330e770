package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code doppel command <twinId> <name> [<json>]}: sends a command to the twin's devices over MQTT. */
@Command(name = "command", mixinStandardHelpOptions = true,
    description = "Send a command to the devices of a twin (an MQTT publish on twins/{id}/commands/{name} to every "
        + "connected device subscribed to it); fails with COMMAND_NOT_DELIVERED when none is.")
final class SendCommandCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "<twinId>") String twinId;
  @Parameters(index = "1", paramLabel = "<name>", description = "The command's name, e.g. reboot.") String name;
  @Parameters(index = "2", paramLabel = "<json>", arity = "0..1", defaultValue = "{}",
      description = "The payload: JSON inline, a file, or '-' for stdin. Default: {}")
  String body;

  @Override
  public void run() {
    JsonNode payload = Bodies.read(body, System.in);
    print(api().post(TwinsCommand.path(twinId) + "/commands/" + ApiClient.segment(name), payload));
  }
}
