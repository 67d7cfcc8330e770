package io.doppel.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code doppel tenants ...}: tenants, each with its own graph, data and policies (platform admin only). */
@Command(name = "tenants", mixinStandardHelpOptions = true,
    description = "List, create and delete tenants (platform admin; see docs/security.md). Other commands work in"
        + " a tenant with --tenant.",
    subcommands = {TenantsCommand.ListTenants.class, TenantsCommand.Create.class, TenantsCommand.Delete.class})
final class TenantsCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List tenants with their twin counts.")
  static final class ListTenants implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Override
    public void run() {
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(), api.get("/tenants").path("value"));
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a tenant (nothing changes when it exists); then e.g."
          + " 'doppel keys create ops --role admin --tenant <name>'.")
  static final class Create implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "<name>", description = "Lower-case letters, digits and '-', at most 63.") String name;

    @Override
    public void run() {
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(), api.put("/tenants/" + ApiClient.segment(name),
          ApiClient.MAPPER.createObjectNode()));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete a tenant with all its data; its keys are revoked. Not the default tenant.")
  static final class Delete implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "<name>") String name;

    @Override
    public void run() {
      ApiClient api = new ApiClient(client);
      api.delete("/tenants/" + ApiClient.segment(name), null);
      spec.commandLine().getOut().println("deleted tenant " + name);
    }
  }
}
