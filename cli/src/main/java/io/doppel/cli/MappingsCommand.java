package io.doppel.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code doppel mappings ...}: stored mappings from messages to twins. */
@Command(name = "mappings", mixinStandardHelpOptions = true,
    description = "Define (each put a new version), list, show, delete and dry-run mappings.",
    subcommands = {MappingsCommand.Put.class, MappingsCommand.ListMappings.class, MappingsCommand.Show.class,
        MappingsCommand.Delete.class, MappingsCommand.Test.class})
final class MappingsCommand {

  static String path(String id) {
    return "/mappings/" + ApiClient.segment(id);
  }

  @Command(name = "put", mixinStandardHelpOptions = true,
      description = "Store a mapping from a JSON or YAML file as its next version.")
  static final class Put extends ClientCommand {
    @Parameters(paramLabel = "<file>", description = "The mapping (.json, .yaml or .yml).")
    Path file;

    @Option(names = "--id", description = "The mapping id (default: the file name without its extension).")
    String id;

    @Override
    public void run() {
      String text = Bodies.readFile(file);
      String name = file.getFileName().toString();
      boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
      String mappingId = id != null ? id : name.replaceFirst("\\.(json|ya?ml)$", "");
      print(api().putText(path(mappingId), text, yaml ? "application/yaml" : "application/json"));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The latest version of every mapping.")
  static final class ListMappings extends ClientCommand {
    @Override
    public void run() {
      showItems("/mappings");
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One mapping (the latest or a version).")
  static final class Show extends ClientCommand {
    @Parameters(paramLabel = "<id>")
    String id;

    @Option(names = "--version", description = "A version kept (default: the latest).")
    Integer version;

    @Override
    public void run() {
      show(path(id) + (version == null ? "" : "?version=" + version));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete every version of a mapping.")
  static final class Delete extends ClientCommand {
    @Parameters(paramLabel = "<id>")
    String id;

    @Override
    public void run() {
      delete(path(id), "deleted " + id);
    }
  }

  @Command(name = "test", mixinStandardHelpOptions = true,
      description = "Dry run: the updates a sample message would make, written as "
          + "{\"topic\":..., \"payload\":{...}} (or payloadText/payloadBase64, key, headers, connector).")
  static final class Test extends ClientCommand {
    @Parameters(index = "0", paramLabel = "<id>")
    String id;

    @Parameters(index = "1", paramLabel = "<message>", description = "The sample message: a file, inline JSON or -.")
    String message;

    @Override
    public void run() {
      print(api().post(path(id) + ":test", Bodies.read(message, System.in)));
    }
  }
}
