package io.doppel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code doppel keys ...}: API keys (admin only; see docs/security.md). */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Create, list and revoke API keys (the key is shown once, at creation).",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand {

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key; prints it once.")
  static final class Create extends ClientCommand {
    @Parameters(paramLabel = "<name>", description = "What or who uses the key.") String name;

    @Option(names = "--role", paramLabel = "<role>", split = ",", description = "Role(s) the key holds.")
    List<String> roles = List.of();

    @Override
    public void run() {
      ObjectNode body = ApiClient.MAPPER.createObjectNode().put("name", name);
      roles.forEach(body.putArray("roles")::add);
      print(api().post("/auth/keys", body));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (never their secrets).")
  static final class ListKeys extends ClientCommand {
    @Override
    public void run() {
      showItems("/auth/keys");
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by its id.")
  static final class Revoke extends ClientCommand {
    @Parameters(paramLabel = "<id>") String id;

    @Override
    public void run() {
      print(api().delete("/auth/keys/" + ApiClient.segment(id), null));
    }
  }
}
