package io.doppel.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Writes {@code target/dtdl-conformance.md} (rates) and {@code target/dtdl-conformance-failures.txt}. */
final class ConformanceReport {
  private ConformanceReport() {}

  static void write(Map<String, Tally> tallies, List<Outcome> outcomes, DtmiCases dtmis) throws IOException {
    StringBuilder md = new StringBuilder("# DTDL conformance\n\n");
    md.append("| group | cases | verdict ok | verdict % | cases listing errors | exact error set | exact % | crashes |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    tallies.forEach((group, t) -> md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %d | %d | %.2f | %d |%n",
        group, t.cases, t.verdicts, 100 * t.verdictRate(), t.withErrors, t.exact, 100 * t.exactRate(), t.crashes)));
    md.append(String.format(Locale.ROOT, "%nDTMI syntax cases (dtmis/): %d of %d pass.%n", dtmis.passed(), dtmis.cases()));
    md.append("\nThe phrases/ folder tests DTDLParser's message templating and is not applicable.\n");
    Path target = ConformanceData.target();
    Files.createDirectories(target);
    Files.writeString(target.resolve("dtdl-conformance.md"), md.toString(), StandardCharsets.UTF_8);
    StringBuilder failures = new StringBuilder();
    for (Outcome o : outcomes) {
      if (!o.verdictOk() || (o.listsErrors() && !o.exactOk()) || o.crash() != null) {
        Set<String> expected = o.c().expectedCodes();
        failures.append(o.c().label()).append(" v").append(o.c().version())
            .append(" expectValid=").append(o.c().expectValid())
            .append(" expected=").append(expected == null ? "-" : expected)
            .append(" actual=").append(o.actualCodes())
            .append(o.crash() == null ? "" : " crash=" + o.crash()).append('\n');
      }
    }
    dtmis.failures().forEach(f -> failures.append("dtmis/").append(f).append('\n'));
    Files.writeString(target.resolve("dtdl-conformance-failures.txt"), failures.toString(), StandardCharsets.UTF_8);
  }
}
