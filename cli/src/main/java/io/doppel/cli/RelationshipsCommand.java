package io.doppel.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code doppel relationships ...}: relationships between twins on a server. */
@Command(name = "relationships", mixinStandardHelpOptions = true,
    description = "Get, put, patch, delete, list relationships and incoming ones.",
    subcommands = {RelationshipsCommand.Get.class, RelationshipsCommand.Put.class, RelationshipsCommand.Patch.class,
        RelationshipsCommand.Delete.class, RelationshipsCommand.ListRelationships.class,
        RelationshipsCommand.Incoming.class})
final class RelationshipsCommand {

  static String path(String source, String relId) {
    return TwinsCommand.path(source) + "/relationships/" + ApiClient.segment(relId);
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a relationship.")
  static final class Get extends ClientCommand {
    @Parameters(index = "0", paramLabel = "<sourceId>") String source;
    @Parameters(index = "1", paramLabel = "<relationshipId>") String relId;

    @Override
    public void run() {
      show(path(source, relId));
    }
  }

  @Command(name = "put", mixinStandardHelpOptions = true, description = "Create or replace a relationship.")
  static final class Put extends ClientCommand {
    @Parameters(index = "0", paramLabel = "<sourceId>") String source;
    @Parameters(index = "1", paramLabel = "<relationshipId>") String relId;
    @Parameters(index = "2", paramLabel = "<body>",
        description = "{\"$targetId\",\"$relationshipName\",...}: a file, '-' for stdin, or inline.")
    String body;
    @Option(names = "--if-match", description = "Only replace when it has this ETag.") String ifMatch;
    @Option(names = "--create-only", description = "Fail when it already exists.") boolean createOnly;

    @Override
    public void run() {
      print(api().put(path(source, relId), Bodies.read(body, System.in),
          TwinsCommand.conditions(ifMatch, createOnly)));
    }
  }

  @Command(name = "patch", mixinStandardHelpOptions = true, description = "Apply a JSON Patch to a relationship.")
  static final class Patch extends ClientCommand {
    @Parameters(index = "0", paramLabel = "<sourceId>") String source;
    @Parameters(index = "1", paramLabel = "<relationshipId>") String relId;
    @Parameters(index = "2", paramLabel = "<patch>") String patch;
    @Option(names = "--if-match", description = "Only patch when it has this ETag.") String ifMatch;

    @Override
    public void run() {
      api().patch(path(source, relId), Bodies.read(patch, System.in), ifMatch);
      show(path(source, relId));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a relationship.")
  static final class Delete extends ClientCommand {
    @Parameters(index = "0", paramLabel = "<sourceId>") String source;
    @Parameters(index = "1", paramLabel = "<relationshipId>") String relId;
    @Option(names = "--if-match", description = "Only delete when it has this ETag.") String ifMatch;

    @Override
    public void run() {
      api().delete(path(source, relId), ifMatch);
      out().println("deleted " + source + "/" + relId);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List a twin's outgoing relationships.")
  static final class ListRelationships extends ClientCommand {
    @Parameters(paramLabel = "<sourceId>") String source;
    @Option(names = "--name", description = "Only relationships of this name.") String name;

    @Override
    public void run() {
      String path = TwinsCommand.path(source) + "/relationships"
          + (name == null ? "" : "?relationshipName=" + ApiClient.segment(name));
      showAll(path);
    }
  }

  @Command(name = "incoming", mixinStandardHelpOptions = true, description = "List relationships pointing at a twin.")
  static final class Incoming extends ClientCommand {
    @Parameters(paramLabel = "<targetId>") String target;

    @Override
    public void run() {
      showAll(TwinsCommand.path(target) + "/incomingrelationships");
    }
  }
}
