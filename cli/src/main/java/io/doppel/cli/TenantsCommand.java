package io.doppel.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code doppel tenants ...}: tenants, each with its own graph, data and policies (platform admin only). */
@Command(name = "tenants", mixinStandardHelpOptions = true,
    description = "List, create and delete tenants (platform admin; see docs/security.md). Other commands work in"
        + " a tenant with --tenant.",
    subcommands = {TenantsCommand.ListTenants.class, TenantsCommand.Create.class, TenantsCommand.Delete.class})
final class TenantsCommand {

  static String path(String name) {
    return "/tenants/" + ApiClient.segment(name);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List tenants with their twin counts.")
  static final class ListTenants extends ClientCommand {
    @Override
    public void run() {
      showItems("/tenants");
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a tenant (nothing changes when it exists); then e.g."
          + " 'doppel keys create ops --role admin --tenant <name>'.")
  static final class Create extends ClientCommand {
    @Parameters(paramLabel = "<name>", description = "Lower-case letters, digits and '-', at most 63.") String name;

    @Override
    public void run() {
      print(api().put(path(name), ApiClient.MAPPER.createObjectNode()));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete a tenant with all its data; its keys are revoked. Not the default tenant.")
  static final class Delete extends ClientCommand {
    @Parameters(paramLabel = "<name>") String name;

    @Override
    public void run() {
      delete(path(name), "deleted tenant " + name);
    }
  }
}
