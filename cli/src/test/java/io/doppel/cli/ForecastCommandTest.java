package io.doppel.cli;

import static io.doppel.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel forecast} on files: both formats, and bad input as clear errors. */
class ForecastCommandTest {

  @TempDir Path dir;

  static double value(int t) {
    return 100 + 20 * Math.sin(2 * Math.PI * t / 24) + (t * 7919 % 13) / 13.0;
  }

  @Test
  void wideFormatGivesOneRowPerSeries() throws IOException {
    StringBuilder csv = new StringBuilder("\"V1\",\"V2\"\n");
    for (String id : new String[] {"A", "B"}) {
      csv.append('"').append(id).append('"');
      for (int t = 0; t < 300; t++) {
        csv.append(",\"").append(String.format(Locale.ROOT, "%.3f", value(t) + (id.equals("B") ? 50 : 0)))
            .append('"');
      }
      csv.append(",,,\n");
    }
    Path file = Files.writeString(dir.resolve("wide.csv"), csv);
    CliRun r = run("forecast", "--period", "24", "--horizon", "6", "--models", file.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    String[] lines = r.out().strip().split("\n");
    assertThat(lines[0]).isEqualTo("id,v1,v2,v3,v4,v5,v6");
    assertThat(lines).hasSize(3);
    String[] a = lines[1].split(",");
    assertThat(a[0]).isEqualTo("A");
    for (int i = 1; i <= 6; i++) {
      assertThat(Double.parseDouble(a[i])).isCloseTo(value(299 + i), org.assertj.core.data.Offset.offset(3.0));
    }
    assertThat(lines[2]).startsWith("B,");
    assertThat(r.err()).contains("A: ").contains("100% 2/2");
  }

  @Test
  void longFormatIsResampledAndIntervalsCanBeWritten() throws IOException {
    StringBuilder csv = new StringBuilder("series,timestamp,value\n");
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    for (int t = 299; t >= 0; t--) {
      if (t % 10 != 3) {
        csv.append("pump,").append(start.plusSeconds(3600L * t)).append(',').append(value(t)).append('\n');
      }
    }
    Path file = Files.writeString(dir.resolve("long.csv"), csv);
    CliRun r = run("forecast", "--period", "24", "--horizon", "3", "--intervals", file.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    String[] lines = r.out().strip().split("\n");
    assertThat(lines).hasSize(6);
    assertThat(lines[1]).startsWith("pump,");
    assertThat(lines[2]).startsWith("pump:lo80,");
    double mean = Double.parseDouble(lines[1].split(",")[1]);
    double lo95 = Double.parseDouble(lines[4].split(",")[1]);
    double hi95 = Double.parseDouble(lines[5].split(",")[1]);
    assertThat(lo95).isLessThan(mean);
    assertThat(hi95).isGreaterThan(mean);
    assertThat(mean).isCloseTo(value(300), org.assertj.core.data.Offset.offset(3.0));
  }

  @Test
  void badInputIsRefusedWithThePlace() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.csv"), "series,timestamp,value\nx,2026-01-01T00:00:00Z,abc\n");
    CliRun r = run("forecast", "--period", "24", "--horizon", "3", bad.toString());
    assertThat(r.exit()).isEqualTo(CliFailure.BAD_INPUT);
    assertThat(r.err()).contains("line 2, column 3: not a number: 'abc'");
    CliRun badTime = run("forecast", "--period", "24", "--horizon", "3",
        Files.writeString(dir.resolve("t.csv"), "series,timestamp,value\nx,yesterday,1\n").toString());
    assertThat(badTime.err()).contains("line 2, column 2: not a timestamp: 'yesterday'");
    CliRun missing = run("forecast", "--period", "24", "--horizon", "3", dir.resolve("nope.csv").toString());
    assertThat(missing.exit()).isEqualTo(CliFailure.BAD_INPUT);
    assertThat(missing.err()).contains("no such file");
    CliRun horizon = run("forecast", "--period", "24", "--horizon", "0", bad.toString());
    assertThat(horizon.err()).contains("--horizon must be between 1");
  }

  @Test
  void aConstantOrTinySeriesStillGetsAForecast() throws IOException {
    Path file = Files.writeString(dir.resolve("tiny.csv"), "c,5,5,5,5,5,5\nt,1,NaN,2\n");
    CliRun r = run("forecast", "--period", "24", "--horizon", "2", "--models", file.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("c,5,5").contains("t,2,2");
    assertThat(r.err()).contains("constant series").contains("too short");
  }
}
