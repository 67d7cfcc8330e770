package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The configuration table of {@code docs/operations.md} lists exactly {@code doppel serve}'s options, each with its
 * default and environment variable, so the page cannot drift from the command.
 */
class OperationsDocTest {
  private static final Path PAGE = Path.of("..", "docs", "operations.md");
  private static final Pattern ROW = Pattern.compile("^\\| `(--[a-z-]+)[^`]*` \\|\\s*([^|]*?)\\s*\\|\\s*([^|]*?)\\s*\\| [^|]+ \\|$");
  private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Z_]+)}");

  private record Row(String env, String defaultText) {}

  @Test
  void theConfigurationTableListsEveryServeOptionWithItsDefaultAndEnvironmentVariable() throws Exception {
    String page = Files.readString(PAGE);
    int start = page.indexOf("## Configuration");
    String section = page.substring(start, page.indexOf("\n## ", start + 1));
    Map<String, Row> rows = new HashMap<>();
    for (String line : section.split("\n")) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        assertThat(rows.put(m.group(1), new Row(m.group(2).trim(), m.group(3).trim()))).as(m.group(1)).isNull();
      }
    }
    TreeSet<String> options = new TreeSet<>();
    for (OptionSpec option : new CommandLine(new ServeCommand()).getCommandSpec().options()) {
      String name = option.longestName();
      if (option.usageHelp() || option.versionHelp()) {
        continue;
      }
      options.add(name);
      Row row = rows.get(name);
      assertThat(row).as("docs/operations.md has no row for %s", name).isNotNull();
      String declared = option.defaultValue();
      if (declared == null) {
        continue;
      }
      Matcher env = ENV.matcher(declared);
      if (env.matches()) {
        assertThat(row.env()).as("%s: environment variable", name).isEqualTo("`" + env.group(1) + "`");
      } else if (!declared.isEmpty()) {
        assertThat(row.defaultText()).as("%s: default", name).startsWith("`" + declared + "`");
      }
    }
    assertThat(new TreeSet<>(rows.keySet())).as("rows for options serve does not have").isEqualTo(options);
  }
}
