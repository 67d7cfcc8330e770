package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.predict.warning.WarningDefinition;
import io.doppel.predict.warning.WarningInputs;
import io.doppel.query.spi.SeriesForecast;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The query functions' forecast cache over recorded series held in memory. */
class QueryForecastsTest {
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  static final int HOURS = 24 * 14;

  private static final class Manual extends Clock {
    Instant now = NOW;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** Series by "twin/series", oldest first; buckets averaged as the history averages them. */
  private static final class Recorded implements WarningInputs {
    final Map<String, List<Sample>> series = new HashMap<>();

    /** Hourly for two weeks up to {@code NOW}: a daily cycle on a level rising {@code slope} an hour. */
    void hourly(String twin, double slope) {
      List<Sample> points = new ArrayList<>();
      for (int h = HOURS; h >= 0; h--) {
        int age = HOURS - h;
        points.add(new Sample(NOW.minus(Duration.ofHours(h)), 50 + slope * age + 3 * Math.sin(2 * Math.PI * age / 24)));
      }
      series.put(twin + "/used", points);
    }

    @Override
    public List<String> twins(WarningDefinition definition) {
      return List.of();
    }

    @Override
    public @Nullable Sample latest(String twinId, String name) {
      List<Sample> points = series.get(twinId + "/" + name);
      return points == null ? null : points.get(points.size() - 1);
    }

    @Override
    public List<Sample> buckets(String twinId, String name, Instant from, Instant to, long stepMillis) {
      Map<Long, double[]> sums = new java.util.TreeMap<>();
      for (Sample s : series.getOrDefault(twinId + "/" + name, List.of())) {
        if (!s.time().isBefore(from) && s.time().isBefore(to)) {
          long bucket = Math.floorDiv(s.time().toEpochMilli(), stepMillis) * stepMillis;
          double[] sum = sums.computeIfAbsent(bucket, b -> new double[2]);
          sum[0] += s.value();
          sum[1]++;
        }
      }
      List<Sample> out = new ArrayList<>();
      sums.forEach((t, sum) -> out.add(new Sample(Instant.ofEpochMilli(t), sum[0] / sum[1])));
      return out;
    }
  }

  private final Manual clock = new Manual();
  private final Recorded recorded = new Recorded();
  private final QueryForecasts forecasts = new QueryForecasts(recorded, clock);

  @Test
  void stepsAreAboutAFortyEighthOfTheDurationAndDivideADay() {
    assertThat(QueryForecasts.stepFor(Duration.ofHours(24))).isEqualTo(Duration.ofMinutes(30).toMillis());
    assertThat(QueryForecasts.stepFor(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(2).toMillis());
    assertThat(QueryForecasts.stepFor(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(2).toMillis());
    assertThat(QueryForecasts.stepFor(Duration.ofMillis(1))).isEqualTo(1000);
    assertThat(QueryForecasts.stepFor(Duration.ofDays(30))).isEqualTo(Duration.ofDays(1).toMillis());
    assertThat(QueryForecasts.stepFor(Duration.ofDays(365))).isEqualTo(Duration.ofDays(8).toMillis());
  }

  @Test
  void forecastsTheTrendAndCoversTheDuration() {
    recorded.hourly("disk-1", 0.1);
    SeriesForecast f = forecasts.forecast("disk-1", "used", Duration.ofHours(24));
    assertThat(f).isNotNull();
    assertThat(f.step()).isEqualTo(Duration.ofMinutes(30));
    assertThat(f.origin()).isEqualTo(NOW);
    assertThat(f.end()).isAfterOrEqualTo(NOW.plus(Duration.ofHours(24)));
    // the level in 24 h is 50 + 0.1 * (HOURS + 24), and the cycle is back where it is now
    assertThat(f.at(NOW.plus(Duration.ofHours(24)))).isBetween(50 + 0.1 * (HOURS + 24) - 1.5,
        50 + 0.1 * (HOURS + 24) + 1.5);
    assertThat(f.crosses(86, SeriesForecast.Line.POINT, NOW.plus(Duration.ofHours(24)))).isTrue();
    assertThat(f.crosses(95, SeriesForecast.Line.POINT, NOW.plus(Duration.ofHours(24)))).isFalse();
  }

  @Test
  void fitsOncePerSeriesUntilNewPointsArriveAndThenAtMostOncePerInterval() {
    for (int i = 0; i < 20; i++) {
      recorded.hourly("disk-" + i, 0.01 * i);
    }
    readAll(20, Duration.ofHours(24));
    assertThat(forecasts.fits()).isEqualTo(20);
    readAll(20, Duration.ofHours(24));
    readAll(20, Duration.ofHours(20)); // the same 30-minute step: the same forecast
    assertThat(forecasts.fits()).as("nothing new: all from the cache").isEqualTo(20);
    readAll(20, Duration.ofHours(1));
    assertThat(forecasts.fits()).as("another step is another forecast").isEqualTo(40);

    recorded.series.get("disk-3/used").add(new WarningInputs.Sample(NOW.plusSeconds(10), 99));
    clock.now = NOW.plusSeconds(30);
    readAll(20, Duration.ofHours(24));
    assertThat(forecasts.fits()).as("a new point, but within a minute of the last fit").isEqualTo(40);
    clock.now = NOW.plus(QueryForecasts.REFRESH);
    readAll(20, Duration.ofHours(24));
    assertThat(forecasts.fits()).as("refit: only the series with the new point").isEqualTo(41);
  }

  @Test
  void tooLittleHistoryIsNoForecastAndIsKeptToo() {
    recorded.series.put("new/used", new ArrayList<>(List.of(new WarningInputs.Sample(NOW.minusSeconds(7200), 1),
        new WarningInputs.Sample(NOW, 2))));
    assertThat(forecasts.forecast("new", "used", Duration.ofHours(24))).isNull();
    assertThat(forecasts.forecast("new", "used", Duration.ofHours(24))).isNull();
    assertThat(forecasts.forecast("nothing", "used", Duration.ofHours(24))).isNull();
    assertThat(forecasts.fits()).as("one look at the history, then the answer is kept").isEqualTo(1);
  }

  /**
   * First run against cached run, in CPU time of this thread: {@code -Dforecasts.series=1000} for the figure in
   * docs/prediction.md (the default keeps the suite quick). Asserts the counts, never the time.
   */
  @Test
  void aCachedRunFitsNothing() {
    int n = Integer.getInteger("forecasts.series", 50);
    for (int i = 0; i < n; i++) {
      recorded.hourly("disk-" + i, 0.001 * i);
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long start = cpu.getCurrentThreadCpuTime();
    readAll(n, Duration.ofHours(24));
    long first = cpu.getCurrentThreadCpuTime() - start;
    start = cpu.getCurrentThreadCpuTime();
    readAll(n, Duration.ofHours(24));
    long cached = cpu.getCurrentThreadCpuTime() - start;
    assertThat(forecasts.fits()).isEqualTo(n);
    System.out.printf(Locale.ROOT, "forecasts of %d series (PT24H): first run %.1f ms CPU (%.2f ms per series), "
        + "cached run %.2f ms CPU (%.1f us per series)%n", n, first / 1e6, first / 1e6 / n, cached / 1e6,
        cached / 1e3 / n);
  }

  private void readAll(int n, Duration horizon) {
    for (int i = 0; i < n; i++) {
      assertThat(forecasts.forecast("disk-" + i, "used", horizon)).isNotNull();
    }
  }
}
