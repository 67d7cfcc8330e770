package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code doppel models ...}: DTDL models on a server. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Upload, list, get, decommission, delete models.",
    subcommands = {ModelsCommand.Add.class, ModelsCommand.ListModels.class, ModelsCommand.Get.class,
        ModelsCommand.Delete.class, ModelsCommand.Decommission.class, ModelsCommand.Personal.class})
final class ModelsCommand {

  static String path(String id) {
    return "/models/" + ApiClient.segment(id);
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Upload models as ONE batch: JSON files (an Interface or an array of them) or directories of them.")
  static final class Add extends ClientCommand {
    @Parameters(arity = "1..*", paramLabel = "<dir|file>", description = "Directories (every *.json inside) or files.")
    List<Path> paths;

    @Override
    public void run() {
      ArrayNode batch = ApiClient.MAPPER.createArrayNode();
      for (Path file : files()) {
        JsonNode node = Bodies.parse(Bodies.readFile(file), file.toString());
        if (node.isArray()) {
          node.forEach(batch::add);
        } else {
          batch.add(node);
        }
      }
      print(api().post("/models", batch));
    }

    private List<Path> files() {
      List<Path> files = new ArrayList<>();
      for (Path path : paths) {
        if (Files.isDirectory(path)) {
          try (Stream<Path> walk = Files.walk(path)) {
            walk.filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p)).sorted().forEach(files::add);
          } catch (IOException e) {
            throw new CliFailure(CliFailure.BAD_INPUT, "cannot list " + path + ": " + e.getMessage(), e);
          }
        } else {
          files.add(path);
        }
      }
      if (files.isEmpty()) {
        throw new CliFailure(CliFailure.BAD_INPUT, "no .json files in " + paths);
      }
      return files;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List models (all pages).")
  static final class ListModels extends ClientCommand {
    @Option(names = "--definitions", description = "Include each model's DTDL.")
    boolean definitions;

    @Option(names = "--dependencies-for", description = "Only this model and what it depends on.")
    String dependenciesFor;

    @Override
    public void run() {
      StringBuilder path = new StringBuilder("/models?includeModelDefinition=").append(definitions);
      if (dependenciesFor != null) {
        path.append("&dependenciesFor=").append(ApiClient.segment(dependenciesFor));
      }
      showAll(path.toString());
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one model with its DTDL.")
  static final class Get extends ClientCommand {
    @Parameters(paramLabel = "<dtmi>")
    String id;

    @Override
    public void run() {
      show(path(id) + "?includeModelDefinition=true");
    }
  }

  @Command(name = "personal", mixinStandardHelpOptions = true,
      description = "Which properties of a model hold personal data (inherited and Components' too, and its"
          + " relationships' properties) and how each is treated for callers without the right 'personal'.")
  static final class Personal extends ClientCommand {
    @Parameters(paramLabel = "<dtmi>")
    String id;

    @Override
    public void run() {
      show(path(id) + "/personal");
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a model.")
  static final class Delete extends ClientCommand {
    @Parameters(paramLabel = "<dtmi>")
    String id;

    @Override
    public void run() {
      delete(path(id), "deleted " + id);
    }
  }

  @Command(name = "decommission", mixinStandardHelpOptions = true,
      description = "Decommission a model: existing twins stay, no new twin may use it.")
  static final class Decommission extends ClientCommand {
    @Parameters(paramLabel = "<dtmi>")
    String id;

    @Override
    public void run() {
      JsonNode patch = Bodies.parse("[{\"op\":\"replace\",\"path\":\"/decommissioned\",\"value\":true}]", "patch");
      api().patch(path(id), patch, null);
      out().println("decommissioned " + id);
    }
  }
}
