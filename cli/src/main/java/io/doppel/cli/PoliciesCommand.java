package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
  static final class Put implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(index = "0", paramLabel = "<id>") String id;
    @Parameters(index = "1", paramLabel = "<policy>", description = "Policy JSON: a file, '-' for stdin, or inline.")
    String policy;

    @Override
    public void run() {
      JsonNode body = Bodies.read(policy, System.in);
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(), api.put(path(id), body));
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one policy.")
  static final class Get implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "<id>") String id;

    @Override
    public void run() {
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(), api.get(path(id)));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the policies.")
  static final class ListPolicies implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Override
    public void run() {
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(), api.get("/auth/policies").path("value"));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a policy.")
  static final class Delete implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "<id>") String id;

    @Override
    public void run() {
      new ApiClient(client).delete(path(id), null);
    }
  }
}
