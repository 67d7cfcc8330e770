package io.doppel.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code doppel twins anomalies <id>}: the live anomaly scores of a twin's series (with {@code --name}, one series'
 * scored points and raised anomalies with their explanations), and {@code --sensitivity} to set a series'.
 */
@Command(name = "anomalies", mixinStandardHelpOptions = true,
    description = "Show a twin's anomaly scores and raised anomalies; --sensitivity sets a series' sensitivity.")
final class TwinAnomaliesCommand extends ClientCommand {
  @Parameters(paramLabel = "<id>") String id;
  @Option(names = "--name", paramLabel = "<series>",
      description = "One series (e.g. temperature, thermostat/setPoint): its points too. Default: every series.")
  String name;
  @Option(names = "--from", paramLabel = "<time>", description = "Start (inclusive), an ISO time.") String from;
  @Option(names = "--to", paramLabel = "<time>", description = "End (exclusive), an ISO time.") String to;
  @Option(names = "--sensitivity", paramLabel = "<x>",
      description = "Set the series' sensitivity first (needs --name): above 1 more anomalies, below 1 fewer.")
  Double sensitivity;

  @Override
  public void run() {
    String base = TwinsCommand.path(id) + "/anomalies";
    if (sensitivity != null) {
      if (name == null) {
        throw new CliFailure(CliFailure.BAD_INPUT, "doppel: --sensitivity needs --name <series>");
      }
      print(api().put(base + "/settings?name=" + ApiClient.segment(name),
          JsonNodeFactory.instance.objectNode().put("sensitivity", sensitivity)));
      return;
    }
    StringBuilder query = new StringBuilder();
    append(query, "name", name);
    append(query, "from", from);
    append(query, "to", to);
    show(base + query);
  }

  private static void append(StringBuilder query, String key, String value) {
    if (value != null) {
      query.append(query.isEmpty() ? '?' : '&').append(key).append('=').append(ApiClient.segment(value.strip()));
    }
  }
}
