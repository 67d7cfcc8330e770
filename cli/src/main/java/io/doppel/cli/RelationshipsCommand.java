package io.doppel.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
  static final class Get implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(index = "0", paramLabel = "<sourceId>") String source;
    @Parameters(index = "1", paramLabel = "<relationshipId>") String relId;

    @Override
    public void run() {
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(), api.get(path(source, relId)));
    }
  }

  @Command(name = "put", mixinStandardHelpOptions = true, description = "Create or replace a relationship.")
  static final class Put implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(index = "0", paramLabel = "<sourceId>") String source;
    @Parameters(index = "1", paramLabel = "<relationshipId>") String relId;
    @Parameters(index = "2", paramLabel = "<body>",
        description = "{\"$targetId\",\"$relationshipName\",...}: a file, '-' for stdin, or inline.")
    String body;
    @Option(names = "--if-match", description = "Only replace when it has this ETag.") String ifMatch;
    @Option(names = "--create-only", description = "Fail when it already exists.") boolean createOnly;

    @Override
    public void run() {
      List<String> headers = new ArrayList<>();
      if (ifMatch != null) {
        headers.addAll(List.of("If-Match", ifMatch));
      }
      if (createOnly) {
        headers.addAll(List.of("If-None-Match", "*"));
      }
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(),
          api.put(path(source, relId), Bodies.read(body, System.in), headers.toArray(String[]::new)));
    }
  }

  @Command(name = "patch", mixinStandardHelpOptions = true, description = "Apply a JSON Patch to a relationship.")
  static final class Patch implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(index = "0", paramLabel = "<sourceId>") String source;
    @Parameters(index = "1", paramLabel = "<relationshipId>") String relId;
    @Parameters(index = "2", paramLabel = "<patch>") String patch;
    @Option(names = "--if-match", description = "Only patch when it has this ETag.") String ifMatch;

    @Override
    public void run() {
      ApiClient api = new ApiClient(client);
      api.patch(path(source, relId), Bodies.read(patch, System.in), ifMatch);
      api.print(spec.commandLine().getOut(), api.get(path(source, relId)));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a relationship.")
  static final class Delete implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(index = "0", paramLabel = "<sourceId>") String source;
    @Parameters(index = "1", paramLabel = "<relationshipId>") String relId;
    @Option(names = "--if-match", description = "Only delete when it has this ETag.") String ifMatch;

    @Override
    public void run() {
      new ApiClient(client).delete(path(source, relId), ifMatch);
      spec.commandLine().getOut().println("deleted " + source + "/" + relId);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List a twin's outgoing relationships.")
  static final class ListRelationships implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "<sourceId>") String source;
    @Option(names = "--name", description = "Only relationships of this name.") String name;

    @Override
    public void run() {
      String path = TwinsCommand.path(source) + "/relationships"
          + (name == null ? "" : "?relationshipName=" + ApiClient.segment(name));
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(), api.getAll(path));
    }
  }

  @Command(name = "incoming", mixinStandardHelpOptions = true, description = "List relationships pointing at a twin.")
  static final class Incoming implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "<targetId>") String target;

    @Override
    public void run() {
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(), api.getAll(TwinsCommand.path(target) + "/incomingrelationships"));
    }
  }
}
