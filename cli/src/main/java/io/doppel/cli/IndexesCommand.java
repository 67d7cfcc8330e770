package io.doppel.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code doppel indexes ...}: the property indexes a server's query planner may use. */
@Command(name = "indexes", mixinStandardHelpOptions = true,
    description = "List, add and drop property indexes used by queries.",
    subcommands = {IndexesCommand.ListIndexes.class, IndexesCommand.Add.class, IndexesCommand.Drop.class})
final class IndexesCommand {

  static String path(String property) {
    return "/indexes/" + ApiClient.segment(property);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the property indexes.")
  static final class ListIndexes extends ClientCommand {
    @Override
    public void run() {
      showItems("/indexes");
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Index a property (name, or component.name); returns once the index is built.")
  static final class Add extends ClientCommand {
    @Parameters(paramLabel = "<property>") String property;

    @Override
    public void run() {
      api().put(path(property), ApiClient.MAPPER.createObjectNode());
      out().println("indexed " + property);
    }
  }

  @Command(name = "drop", mixinStandardHelpOptions = true, description = "Drop a property index.")
  static final class Drop extends ClientCommand {
    @Parameters(paramLabel = "<property>") String property;

    @Override
    public void run() {
      delete(path(property), "dropped index " + property);
    }
  }
}
