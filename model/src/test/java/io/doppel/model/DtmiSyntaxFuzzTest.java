package io.doppel.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.fuzz.Fuzzer;
import io.doppel.fuzz.FuzzReport;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The one-pass DTMI checker accepts exactly what DTDL's identifier patterns (and {@link Dtmi}'s) accept, on short
 * random near-DTMIs where the regexes are safe to run.
 */
@Tag("fuzz")
class DtmiSyntaxFuzzTest {
  private static final String ALPHABET = "dtmi:_aZ09;.:::_x1";
  private static final Pattern DTMI = Pattern.compile(Dtmi.SYNTAX);
  private static final Pattern V2 = Pattern.compile(MetaModel.get().identifierPattern(2));
  private static final Pattern V3 = Pattern.compile(MetaModel.get().identifierPattern(3));

  @Test
  void theOnePassCheckerAgreesWithThePatterns() {
    FuzzReport report = Fuzzer.named("dtmi-differential", 20_000).text(random -> {
      StringBuilder s = new StringBuilder(random.nextInt(5) > 0 ? "dtmi:" : "");
      int n = random.nextInt(24);
      for (int i = 0; i < n; i++) {
        s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      return s.toString();
    }, text -> {
      assertThat(DtmiSyntax.isDtmi(text)).as("Dtmi %s", text).isEqualTo(DTMI.matcher(text).matches());
      assertThat(DtmiSyntax.isIdentifier(text, 2)).as("v2 %s", text).isEqualTo(V2.matcher(text).matches());
      assertThat(DtmiSyntax.isIdentifier(text, 3)).as("v3 %s", text).isEqualTo(V3.matcher(text).matches());
      return DtmiSyntax.isDtmi(text) ? "dtmi" : "not";
    });
    assertThat(report.count("dtmi")).as(report.line()).isGreaterThan(report.inputs() / 20);
  }
}
