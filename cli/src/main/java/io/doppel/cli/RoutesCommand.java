package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code doppel routes ...}: event routes that push the server's changes to webhooks, MQTT and Kafka. */
@Command(name = "routes", mixinStandardHelpOptions = true,
    description = "Add, list, show, delete, pause and resume event routes (changes pushed to a webhook, MQTT or Kafka).",
    subcommands = {RoutesCommand.Add.class, RoutesCommand.ListRoutes.class, RoutesCommand.Show.class,
        RoutesCommand.Delete.class, RoutesCommand.Pause.class, RoutesCommand.Resume.class,
        RoutesCommand.Letters.class})
final class RoutesCommand {

  static String path(String id) {
    return "/eventroutes/" + ApiClient.segment(id);
  }

  /** Exactly one endpoint kind. */
  static final class Target {
    @Option(names = "--webhook", paramLabel = "<url>", description = "POST each event to this http(s) URL.")
    String webhook;
    @Option(names = "--mqtt", paramLabel = "<broker>", description = "Publish to this MQTT 5 broker (tcp://host:1883, ssl://host:8883).")
    String mqtt;
    @Option(names = "--kafka", paramLabel = "<bootstrap>", description = "Produce to this Kafka cluster (host:port,...).")
    String kafka;
    @Option(names = "--json", paramLabel = "<body>",
        description = "The whole route as JSON (a file, '-' for stdin, or inline) instead of the options below.")
    String json;
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Create (or replace) a route; it receives the changes made from now on.")
  static final class Add extends ClientCommand {
    @Parameters(paramLabel = "<id>", description = "The route's name (letters, digits, '_', '.', '-').") String id;
    @ArgGroup(exclusive = true, multiplicity = "1") Target target;
    @Option(names = "--topic", paramLabel = "<topic>",
        description = "MQTT topic template ({twinId}, {type}) or Kafka topic.") String topic;
    @Option(names = "--qos", paramLabel = "<0|1>", description = "MQTT QoS (default 1).") Integer qos;
    @Option(names = "--username", description = "MQTT user name.") String username;
    @Option(names = "--password", description = "MQTT password.") String password;
    @Option(names = "--header", paramLabel = "<name=value>", description = "A header for every webhook request.")
    Map<String, String> headers = new LinkedHashMap<>();
    @Option(names = "--secret", description = "Sent to the webhook as Authorization: Bearer <secret>.") String secret;
    @Option(names = "--batch", description = "POST batches (application/cloudevents-batch+json).") boolean batch;
    @Option(names = "--twin", paramLabel = "<id>", description = "Only this twin (and its relationships).")
    List<String> twins = new ArrayList<>();
    @Option(names = "--model", paramLabel = "<dtmi>", description = "Only twins of this model or models extending it.")
    List<String> models = new ArrayList<>();
    @Option(names = "--relationship", paramLabel = "<name>", description = "Only relationships with this name.")
    List<String> relationships = new ArrayList<>();
    @Option(names = "--type", paramLabel = "<type>", description = "Only this event type, or a family (io.doppel.twin.*).")
    List<String> types = new ArrayList<>();
    @Option(names = "--where", paramLabel = "<condition>",
        description = "Only twins that pass this query-language condition after the change, e.g. \"rpm > 1000\".")
    String where;
    @Option(names = "--max-attempts", paramLabel = "<n>", description = "Park an event after n failed attempts (default 0: retry for ever).")
    Integer maxAttempts;
    @Option(names = "--backoff-base", paramLabel = "<duration>", description = "First retry delay, ISO-8601 (default PT1S).")
    String backoffBase;
    @Option(names = "--backoff-max", paramLabel = "<duration>", description = "Longest retry delay (default PT5M).")
    String backoffMax;
    @Option(names = "--max-outbox", paramLabel = "<n>", description = "Most events kept waiting (default 100000).")
    Long maxOutbox;

    @Override
    public void run() {
      JsonNode body = target.json != null ? Bodies.read(target.json, System.in) : body();
      JsonNode route = api().put(path(id), body);
      out().println("route " + id + " " + route.path("endpoint").path("type").asText()
          + " " + route.path("status").path("state").asText());
    }

    private ObjectNode body() {
      ObjectNode root = ApiClient.MAPPER.createObjectNode();
      ObjectNode endpoint = root.putObject("endpoint");
      if (target.webhook != null) {
        endpoint.put("type", "webhook").put("url", target.webhook).put("batch", batch);
        if (secret != null) {
          endpoint.put("secret", secret);
        }
        if (!headers.isEmpty()) {
          ObjectNode h = endpoint.putObject("headers");
          headers.forEach(h::put);
        }
      } else if (target.mqtt != null) {
        endpoint.put("type", "mqtt").put("broker", target.mqtt).put("topic", required(topic, "--topic"));
        if (qos != null) {
          endpoint.put("qos", qos);
        }
        if (username != null) {
          endpoint.put("username", username);
        }
        if (password != null) {
          endpoint.put("password", password);
        }
      } else {
        endpoint.put("type", "kafka").put("bootstrap", target.kafka).put("topic", required(topic, "--topic"));
      }
      ObjectNode filter = root.putObject("filter");
      add(filter, "twin", twins);
      add(filter, "model", models);
      add(filter, "relationship", relationships);
      add(filter, "type", types);
      if (where != null) {
        filter.put("where", where);
      }
      ObjectNode options = root.putObject("options");
      if (maxAttempts != null) {
        options.put("maxAttempts", maxAttempts);
      }
      if (backoffBase != null) {
        options.put("backoffBase", backoffBase);
      }
      if (backoffMax != null) {
        options.put("backoffMax", backoffMax);
      }
      if (maxOutbox != null) {
        options.put("maxOutbox", maxOutbox);
      }
      return root;
    }

    private String required(String value, String option) {
      if (value == null) {
        throw new ParameterException(spec.commandLine(), option + " is required for this endpoint");
      }
      return value;
    }

    private static void add(ObjectNode filter, String name, List<String> values) {
      if (!values.isEmpty()) {
        ArrayNode array = filter.putArray(name);
        values.forEach(array::add);
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the routes with their delivery status.")
  static final class ListRoutes extends ClientCommand {
    @Option(names = "--json", description = "Print the routes as JSON instead of a table.") boolean json;

    @Override
    public void run() {
      ArrayNode all = api().getAll("/eventroutes");
      if (json) {
        print(all);
        return;
      }
      PrintWriter out = out();
      out.printf("%-20s %-8s %-11s %10s %8s %7s  %s%n", "ID", "TYPE", "STATE", "DELIVERED", "LAG", "PARKED",
          "LAST ERROR");
      for (JsonNode r : all) {
        JsonNode s = r.path("status");
        out.printf("%-20s %-8s %-11s %10d %8d %7d  %s%n", r.path("id").asText(),
            r.path("endpoint").path("type").asText(), s.path("state").asText(), s.path("delivered").asLong(),
            s.path("lag").asLong(), s.path("parked").asLong(), s.path("lastError").isTextual()
                ? s.path("lastError").asText() + " (" + s.path("lastErrorTime").asText() + ")" : "-");
      }
      out.flush();
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a route and its status.")
  static final class Show extends ClientCommand {
    @Parameters(paramLabel = "<id>") String id;

    @Override
    public void run() {
      show(path(id));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete a route with its waiting events and parked letters.")
  static final class Delete extends ClientCommand {
    @Parameters(paramLabel = "<id>") String id;

    @Override
    public void run() {
      delete(path(id), "deleted route " + id);
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stop delivering; events are still kept.")
  static final class Pause extends ClientCommand {
    @Parameters(paramLabel = "<id>") String id;

    @Override
    public void run() {
      JsonNode route = api().post(path(id) + ":pause", ApiClient.MAPPER.createObjectNode());
      out().println("route " + id + " " + route.path("status").path("state").asText()
          + ", " + route.path("status").path("lag").asLong() + " events waiting");
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Deliver again, starting now.")
  static final class Resume extends ClientCommand {
    @Parameters(paramLabel = "<id>") String id;

    @Override
    public void run() {
      JsonNode route = api().post(path(id) + ":resume", ApiClient.MAPPER.createObjectNode());
      out().println("route " + id + " resumed, " + route.path("status").path("lag").asLong()
          + " events waiting");
    }
  }

  @Command(name = "letters", mixinStandardHelpOptions = true,
      description = "List the events a route parked (refused by its endpoint, or given up on).")
  static final class Letters extends ClientCommand {
    @Parameters(paramLabel = "<id>") String id;

    @Override
    public void run() {
      showAll(path(id) + "/letters");
    }
  }
}
