package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.sim.topology.ImportOptions;
import io.doppel.sim.topology.TopologyDocument;
import io.doppel.sim.topology.TopologyFormat;
import io.doppel.sim.topology.TopologyImport;
import io.doppel.twin.DoppelException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code doppel import ...}: bring descriptions from other tools into twin graphs. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Import descriptions from other tools.",
    subcommands = {ImportCommand.Topology.class})
final class ImportCommand {

  @Command(name = "topology", mixinStandardHelpOptions = true,
      description = "A MiSim architecture or a docker-compose file as models, twins and relationships that simulate;"
          + " prints the import document, or with --apply loads it into the server.")
  static final class Topology extends ClientCommand {
    @Option(names = "--format", required = true, description = "misim or compose.")
    String format;

    @Parameters(paramLabel = "<file>")
    Path file;

    @Option(names = "--apply", description = "Upload the models (those the server lacks) and put the twins and"
        + " relationships.")
    boolean apply;

    @Option(names = "--rate", description = "Requests per second the clients send (default: the rate that puts the"
        + " busiest service at --target-load).")
    Double rate;

    @Option(names = "--target-load", defaultValue = "" + ImportOptions.DEFAULT_TARGET_LOAD,
        description = "Offered load of the busiest service when no --rate is given. Default: ${DEFAULT-VALUE}")
    double targetLoad;

    @Option(names = "--service-time", defaultValue = "" + ImportOptions.DEFAULT_SERVICE_TIME_MS,
        description = "Mean service time in ms of a compose service (compose files have no timing data)."
            + " Default: ${DEFAULT-VALUE}")
    double serviceTime;

    @Option(names = "--entry", split = ",", description = "Services the clients call (default: MiSim operations"
        + " nothing calls; compose services that publish ports).")
    List<String> entries = List.of();

    @Option(names = "--client-id", defaultValue = ImportOptions.DEFAULT_CLIENT_ID,
        description = "Id of the generated client twin. Default: ${DEFAULT-VALUE}")
    String clientId;

    @Override
    public void run() {
      TopologyDocument doc;
      try {
        doc = TopologyImport.read(TopologyFormat.of(format), Bodies.readFile(file),
            new ImportOptions(rate, targetLoad, serviceTime, entries, clientId));
      } catch (DoppelException e) {
        throw new CliFailure(CliFailure.BAD_INPUT, file + ": " + e.getMessage(), e);
      }
      print(apply ? apply(api(), doc) : doc.toJson());
    }

    private static JsonNode apply(ApiClient api, TopologyDocument doc) {
      Set<String> known = new HashSet<>();
      api.getAll("/models").forEach(m -> known.add(m.path("id").asText()));
      ArrayNode missing = ApiClient.MAPPER.createArrayNode();
      doc.models().forEach(m -> {
        if (!known.contains(m.path("@id").asText())) {
          missing.add(m);
        }
      });
      if (!missing.isEmpty()) {
        api.post("/models", missing);
      }
      for (JsonNode twin : doc.twins()) {
        api.put("/digitaltwins/" + ApiClient.segment(twin.path("$dtId").asText()), twin);
      }
      for (JsonNode r : doc.relationships()) {
        ObjectNode body = r.deepCopy();
        body.remove(List.of("$relationshipId", "$sourceId"));
        api.put("/digitaltwins/" + ApiClient.segment(r.path("$sourceId").asText()) + "/relationships/"
            + ApiClient.segment(r.path("$relationshipId").asText()), body);
      }
      ObjectNode summary = ApiClient.MAPPER.createObjectNode();
      summary.put("modelsAdded", missing.size()).put("twins", doc.twins().size())
          .put("relationships", doc.relationships().size()).put("arrivalRate", doc.arrivalRate());
      doc.notes().forEach(summary.putArray("notes")::add);
      return summary;
    }
  }
}
