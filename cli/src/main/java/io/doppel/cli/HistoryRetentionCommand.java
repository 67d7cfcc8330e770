package io.doppel.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.history.Retention;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code doppel history retention [--set <rules>] [--sweep]}: prints the retention rules in force, replaces them
 * (in {@code serve --history-retention}'s syntax), and applies them now.
 */
@Command(name = "retention", mixinStandardHelpOptions = true,
    description = "Print or replace the history's retention rules (stored on the server), or apply them now.")
final class HistoryRetentionCommand extends ClientCommand {
  @Option(names = "--set", paramLabel = "<rules>",
      description = "Replace the rules, e.g. 'P30D,dtmi:ex:Meter;1=P7D,dtmi:ex:Meter;1#power=PT24H' "
          + "(an entry without = is the default; '' keeps everything).")
  String set;
  @Option(names = "--sweep", description = "Drop what the rules no longer keep now, rather than at the next hourly sweep.")
  boolean sweep;

  @Override
  public void run() {
    if (set != null) {
      Retention rules;
      try {
        rules = Retention.parse(set);
      } catch (IllegalArgumentException e) {
        throw new CliFailure(CliFailure.BAD_INPUT, "--set: " + e.getMessage());
      }
      api().put("/history/retention", body(rules));
    }
    if (sweep) {
      print(api().post("/history/retention/sweep", ApiClient.MAPPER.createObjectNode()));
    }
    show("/history/retention");
  }

  static ObjectNode body(Retention rules) {
    ObjectNode body = ApiClient.MAPPER.createObjectNode();
    if (rules.defaultMaxAge() == null) {
      body.putNull("default");
    } else {
      body.put("default", rules.defaultMaxAge().toString());
    }
    ArrayNode list = body.putArray("rules");
    new java.util.TreeMap<>(rules.rules()).forEach((key, age) -> {
      int hash = key.indexOf('#');
      ObjectNode rule = list.addObject().put("model", hash < 0 ? key : key.substring(0, hash));
      if (hash >= 0) {
        rule.put("name", key.substring(hash + 1));
      }
      rule.put("keep", age.toString());
    });
    return body;
  }
}
