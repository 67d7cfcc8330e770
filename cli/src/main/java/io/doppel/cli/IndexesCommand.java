package io.doppel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code doppel indexes ...}: the property indexes a server's query planner may use. */
@Command(name = "indexes", mixinStandardHelpOptions = true,
    description = "List, add and drop property indexes used by queries.",
    subcommands = {IndexesCommand.ListIndexes.class, IndexesCommand.Add.class, IndexesCommand.Drop.class})
final class IndexesCommand {

  static String path(String property) {
    return "/indexes/" + ApiClient.segment(property);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the property indexes.")
  static final class ListIndexes implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Override
    public void run() {
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(), api.get("/indexes").path("value"));
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Index a property (name, or component.name); returns once the index is built.")
  static final class Add implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "<property>") String property;

    @Override
    public void run() {
      ObjectNode empty = ApiClient.MAPPER.createObjectNode();
      new ApiClient(client).put(path(property), empty);
      spec.commandLine().getOut().println("indexed " + property);
    }
  }

  @Command(name = "drop", mixinStandardHelpOptions = true, description = "Drop a property index.")
  static final class Drop implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "<property>") String property;

    @Override
    public void run() {
      new ApiClient(client).delete(path(property), null);
      spec.commandLine().getOut().println("dropped index " + property);
    }
  }
}
