package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Picocli renders every description through {@link String#format}: a lone {@code %} (as in "2%") makes it print a
 * warning on the error stream and fall back to the raw text, so a literal percent must be written {@code %%}.
 */
class HelpTextTest {

  @Test
  void everyDescriptionInTheCommandTreeIsAValidFormat() {
    List<String> broken = new ArrayList<>();
    PrintWriter sink = new PrintWriter(new StringWriter());
    collect(Main.commandLine(sink, sink), broken);
    assertThat(broken).isEmpty();
  }

  @Test
  void serveHelpShowsThePercentOnce() {
    CliRun help = CliRun.run("serve", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("1GiB, 2%, 0 = none").doesNotContain("%%");
    assertThat(help.err()).isEmpty();
  }

  private static void collect(CommandLine command, List<String> broken) {
    CommandSpec spec = command.getCommandSpec();
    check(spec.qualifiedName(), spec.usageMessage().description(), broken);
    check(spec.qualifiedName() + " header", spec.usageMessage().header(), broken);
    check(spec.qualifiedName() + " footer", spec.usageMessage().footer(), broken);
    for (ArgSpec arg : spec.args()) {
      check(spec.qualifiedName() + " " + arg.paramLabel() + (arg.isOption()
          ? " (" + ((CommandLine.Model.OptionSpec) arg).longestName() + ")" : ""), arg.description(), broken);
    }
    command.getSubcommands().values().forEach(sub -> collect(sub, broken));
  }

  private static void check(String where, String[] lines, List<String> broken) {
    for (String line : lines) {
      try {
        String.format(Locale.ROOT, line);
      } catch (IllegalFormatException e) {
        broken.add(where + ": " + line + " (" + e + ")");
      }
    }
  }
}
