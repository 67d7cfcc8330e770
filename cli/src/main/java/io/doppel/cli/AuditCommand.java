package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code doppel audit [--from ..] [--principal ..] [--verify]}: the audit log of writes and refusals. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Show audit entries by time, principal or path, or check the hash chain with --verify.")
final class AuditCommand extends ClientCommand {

  @Option(names = "--from", description = "Entries at or after this ISO-8601 time.") String from;
  @Option(names = "--to", description = "Entries before this ISO-8601 time.") String to;
  @Option(names = "--principal", description = "Only this caller, e.g. key:0a1b... or jwt:alice.") String principal;
  @Option(names = "--path", description = "Only request paths starting with this.") String path;
  @Option(names = "--limit", defaultValue = "100", description = "At most this many. Default: ${DEFAULT-VALUE}")
  int limit;
  @Option(names = "--verify", description = "Check that the chain is intact; exit 1 when it is not.")
  boolean verify;

  @Override
  public void run() {
    if (verify) {
      JsonNode verdict = api().get("/audit/verify");
      print(verdict);
      if (!verdict.path("intact").asBoolean()) {
        throw new CliFailure(CliFailure.REQUEST_REJECTED, "doppel: the audit chain is broken at entry "
            + verdict.path("brokenAt").asText());
      }
      return;
    }
    List<String> query = new ArrayList<>();
    add(query, "from", from);
    add(query, "to", to);
    add(query, "principal", principal);
    add(query, "path", path);
    query.add("limit=" + limit);
    showItems("/audit?" + String.join("&", query));
  }

  private static void add(List<String> query, String name, String value) {
    if (value != null && !value.isBlank()) {
      query.add(name + "=" + ApiClient.segment(value));
    }
  }
}
