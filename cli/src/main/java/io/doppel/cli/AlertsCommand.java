package io.doppel.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code doppel alerts}: the pending and active alerts of a server's alert rules. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = "List pending and active alerts (rule, twin, state, severity, since, raisedAt).")
final class AlertsCommand extends ClientCommand {

  @Option(names = "--state", description = "Only alerts in this state: active or pending.")
  String state;

  @Option(names = "--rule", description = "Only this rule's alerts.")
  String rule;

  @Option(names = "--twin", description = "Only this twin's alerts.")
  String twin;

  @Override
  public void run() {
    List<String> query = new ArrayList<>();
    add(query, "state", state);
    add(query, "rule", rule);
    add(query, "twin", twin);
    showItems("/alerts" + (query.isEmpty() ? "" : "?" + String.join("&", query)));
  }

  private static void add(List<String> query, String name, String value) {
    if (value != null) {
      query.add(name + "=" + ApiClient.segment(value));
    }
  }
}
