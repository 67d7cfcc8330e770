package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

  /**
   * The texts as written in the annotations: picocli's own accessors return them already formatted (or raw after a
   * warning), which would hide the difference between "2%" and "2%%".
   */
  private static void collect(CommandLine command, List<String> broken) {
    CommandSpec spec = command.getCommandSpec();
    Command declared = spec.userObject() == null ? null : spec.userObject().getClass().getAnnotation(Command.class);
    if (declared != null) {
      check(spec.qualifiedName(), declared.description(), broken);
      check(spec.qualifiedName() + " header", declared.header(), broken);
      check(spec.qualifiedName() + " footer", declared.footer(), broken);
    }
    for (ArgSpec arg : spec.args()) {
      if (arg.userObject() instanceof AnnotatedElement member) {
        Option option = member.getAnnotation(Option.class);
        Parameters parameters = member.getAnnotation(Parameters.class);
        String where = spec.qualifiedName() + " " + member;
        if (option != null) {
          check(where, option.description(), broken);
        }
        if (parameters != null) {
          check(where, parameters.description(), broken);
        }
      }
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
