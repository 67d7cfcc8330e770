package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code doppel policies ...}: who may do what on which twins and properties (admin only). */
@Command(name = "policies", mixinStandardHelpOptions = true,
    description = "Put, show, list and delete access policies (see docs/security.md).",
    subcommands = {PoliciesCommand.Put.class, PoliciesCommand.Get.class, PoliciesCommand.ListPolicies.class,
        PoliciesCommand.Delete.class})
final class PoliciesCommand {

  static String path(String id) {
    return "/auth/policies/" + ApiClient.segment(id);
  }

  @Command(name = "put", mixinStandardHelpOptions = true, description = "Create or replace a policy.")
  static final class Put extends ClientCommand {
    @Parameters(index = "0", paramLabel = "<id>") String id;
    @Parameters(index = "1", paramLabel = "<policy>", description = "Policy JSON: a file, '-' for stdin, or inline.")
    String policy;

    @Override
    public void run() {
      JsonNode body = Bodies.read(policy, System.in);
      print(api().put(path(id), body));
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one policy.")
  static final class Get extends ClientCommand {
    @Parameters(paramLabel = "<id>") String id;

    @Override
    public void run() {
      show(path(id));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the policies.")
  static final class ListPolicies extends ClientCommand {
    @Override
    public void run() {
      showItems("/auth/policies");
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a policy.")
  static final class Delete extends ClientCommand {
    @Parameters(paramLabel = "<id>") String id;

    @Override
    public void run() {
      api().delete(path(id), null);
    }
  }
}
