package io.doppel.history;

import io.doppel.twin.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.history.spi.SeriesStore;
import io.doppel.twin.TwinEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Range and bucketed reads against a naive reference, over writes in any order, duplicates included, with chunks
 * small enough that every read crosses many of them.
 */
class ReadsTest {
  private static final long BASE = Sensors.T0.toEpochMilli();

  @Property(tries = 40)
  void anyOrderOfWritesReadsBackSortedWithTheLastWriteWinning(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed, @ForAll @IntRange(min = 1, max = 400) int writes) {
    Random random = new Random(seed);
    TreeMap<Long, Double> reference = new TreeMap<>();
    try (Fixture f = new Fixture(8)) {
      List<CompletableFuture<Void>> acks = new ArrayList<>();
      for (int i = 0; i < writes; i++) {
        long offset = random.nextInt(4) == 0 ? random.nextInt(200_000) : i * 1000L; // mostly in order, some late
        double value = random.nextInt(1000) / 8.0;
        reference.put(BASE + offset, value);
        acks.add(f.send(BASE + offset, value));
        if (random.nextInt(10) == 0) {
          CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join(); // vary the batches
        }
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
      long from = BASE + random.nextInt(100_000);
      long to = from + 1 + random.nextInt(500_000);
      List<Point> expected = new ArrayList<>();
      reference.subMap(from, to).forEach((t, v) -> expected.add(new Point(t, v)));
      assertThat(f.raw(from, to, HistoryService.MAX_POINTS)).containsExactlyElementsOf(expected);
      for (Aggregation agg : Aggregation.values()) {
        // never more buckets than a read may span, which the read would refuse
        long width = Math.max(1 + random.nextInt(20_000), (to - from) / HistoryService.MAX_BUCKETS + 1);
        assertThat(f.history.downsample("p1", "temperature", Instant.ofEpochMilli(from), Instant.ofEpochMilli(to),
            Duration.ofMillis(width), agg)).as("%s over %d ms buckets", agg, width)
            .containsExactlyElementsOf(naive(expected, width, agg));
      }
    }
  }

  @Test
  void aLongRangePagesWithoutRepeatingOrSkippingAPoint() {
    try (Fixture f = new Fixture(16)) {
      List<CompletableFuture<Void>> acks = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        acks.add(f.send(BASE + i * 1000L, i));
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
      List<Point> all = new ArrayList<>();
      Instant from = Sensors.T0;
      int pages = 0;
      while (from != null) {
        RawPage page = f.history.range("p1", "temperature", from, Sensors.T0.plusSeconds(1000), 30);
        all.addAll(page.points());
        from = page.next();
        pages++;
      }
      assertThat(pages).isEqualTo(4);
      assertThat(all).extracting(Point::value).containsExactlyElementsOf(
          java.util.stream.IntStream.range(0, 100).mapToObj(i -> (double) i).toList());
    }
  }

  /** The reference: group by epoch-aligned bucket in plain Java collections. */
  static List<Point> naive(List<Point> points, long width, Aggregation agg) {
    Map<Long, List<Double>> groups = new TreeMap<>();
    for (Point p : points) {
      groups.computeIfAbsent(Math.floorDiv(p.time(), width) * width, k -> new ArrayList<>()).add(p.value());
    }
    List<Point> out = new ArrayList<>();
    groups.forEach((start, values) -> out.add(new Point(start, switch (agg) {
      case AVG -> values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
      case MIN -> values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      case MAX -> values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      case FIRST -> values.get(0);
      case LAST -> values.get(values.size() - 1);
      case COUNT -> values.size();
    })));
    return out;
  }

  /** An engine with one probe and a history whose chunks seal after {@code chunkPoints} points. */
  static final class Fixture implements AutoCloseable {
    final MutableClock clock = new MutableClock(Sensors.T0);
    final TwinEngine engine = Sensors.engine(clock);
    final HistoryService history;

    Fixture(int chunkPoints) {
      history = HistoryService.open(engine, SeriesStore.inMemory(),
          HistoryOptions.defaults().withClock(clock).withChunks(chunkPoints, Duration.ofMinutes(1)));
      Sensors.createProbe(engine, "p1", 30);
    }

    CompletableFuture<Void> send(long time, double value) {
      return history.recordTelemetry("p1", null, Sensors.object("{\"temperature\":" + value + "}"),
          Instant.ofEpochMilli(time), null);
    }

    List<Point> raw(long from, long to, int max) {
      return history.range("p1", "temperature", Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), max).points();
    }

    @Override
    public void close() {
      engine.close();
      history.close();
    }
  }
}
