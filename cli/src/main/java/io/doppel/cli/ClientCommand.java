package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a server: the client options every such command takes, and the usual ways to answer
 * (the server's JSON, a list's items, one line once a resource is gone), so that a command says only which request
 * it makes. Errors need nothing here: {@link ApiClient} turns them into {@link CliFailure}s and {@link Main} into
 * the exit code.
 */
abstract class ClientCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  /** Made on first request: a command that only fails on its own input never reads the {@code --cacert} file. */
  private ApiClient api;

  final ApiClient api() {
    if (api == null) {
      api = new ApiClient(client);
    }
    return api;
  }

  final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Prints an answer as JSON, pretty or, with {@code --compact}, on one line. */
  final void print(JsonNode answer) {
    api().print(out(), answer);
  }

  /** GETs a resource and prints it. */
  final void show(String path) {
    print(api().get(path));
  }

  /** GETs a collection and prints its {@code value} items (one page: the collections that do not page). */
  final void showItems(String path) {
    print(api().get(path).path("value"));
  }

  /** GETs a paged collection, following every {@code nextLink}, and prints all its items as one array. */
  final void showAll(String path) {
    print(api().getAll(path));
  }

  /** DELETEs a resource, then says so in one line, e.g. {@code deleted rule hot}. */
  final void delete(String path, String done) {
    api().delete(path, null);
    out().println(done);
  }
}
