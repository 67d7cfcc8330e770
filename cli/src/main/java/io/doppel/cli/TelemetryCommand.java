package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code doppel telemetry <twinId> <json>}: sends telemetry as Azure Digital Twins' sendTelemetry does. */
@Command(name = "telemetry", mixinStandardHelpOptions = true,
    description = "Send telemetry values to a twin (validated against its model, recorded in its history).")
final class TelemetryCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "<twinId>") String twinId;
  @Parameters(index = "1", paramLabel = "<json>",
      description = "A JSON object of telemetry values: inline, a file, or '-' for stdin.")
  String body;
  @Option(names = "--component", paramLabel = "<name>", description = "Send to this component of the twin.")
  String component;
  @Option(names = "--source-time", paramLabel = "<time>",
      description = "When the values were measured (ISO time; default: when the server receives them).")
  String sourceTime;
  @Option(names = "--message-id", paramLabel = "<id>",
      description = "Message-Id: a retry with the same id is not recorded twice.")
  String messageId;

  @Override
  public void run() {
    JsonNode json = Bodies.read(body, System.in);
    if (!json.isObject()) {
      throw new CliFailure(CliFailure.BAD_INPUT, "telemetry must be a JSON object, e.g. {\"temperature\": 21.5}");
    }
    String path = TwinsCommand.path(twinId)
        + (component == null ? "" : "/components/" + ApiClient.segment(component)) + "/telemetry";
    List<String> headers = new ArrayList<>();
    if (sourceTime != null) {
      headers.add("Telemetry-Source-Time");
      headers.add(sourceTime);
    }
    if (messageId != null) {
      headers.add("Message-Id");
      headers.add(messageId);
    }
    print(api().post(path, json, headers.toArray(String[]::new)));
  }
}
