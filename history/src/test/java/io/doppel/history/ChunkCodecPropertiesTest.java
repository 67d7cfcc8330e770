package io.doppel.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The chunk encoding loses nothing: times and the exact bits of every double come back. */
class ChunkCodecPropertiesTest {

  record Sample(long gap, double value) {}

  @Property(tries = 300)
  void randomSeriesRoundTripExactly(@ForAll("series") List<Sample> samples, @ForAll("starts") long start) {
    Points points = ascending(start, samples);
    byte[] bytes = ChunkCodec.encode(start, points, 0, points.size);
    Points back = ChunkCodec.decode(start, bytes);
    assertSame(back, points);
  }

  @Property(tries = 200)
  void segmentsAppendedInOrderReadAsOneSeries(
      @ForAll("series") List<Sample> samples, @ForAll @IntRange(min = 1, max = 7) int pieces) {
    long start = 1_764_547_200_000L;
    Points points = ascending(start, samples);
    List<byte[]> segments = new ArrayList<>();
    int step = Math.max(1, points.size / pieces);
    for (int from = 0; from < points.size; from += step) {
      segments.add(ChunkCodec.encode(start, points, from, Math.min(points.size, from + step)));
    }
    assertSame(ChunkCodec.decode(start, concat(segments)), points);
  }

  @Property(tries = 200)
  void lateSegmentsMergeAndTheLaterWriteWinsOnEqualTimes(
      @ForAll("batches") List<List<Long>> batches) {
    long start = 1_000;
    TreeMap<Long, Double> reference = new TreeMap<>();
    List<byte[]> segments = new ArrayList<>();
    double value = 0;
    for (List<Long> batch : batches) {
      Points points = new Points(batch.size());
      for (long offset : batch) {
        value += 0.25;
        points.add(start + offset, value);
        reference.put(start + offset, value);
      }
      points.sortKeepingLast();
      segments.add(ChunkCodec.encode(start, points, 0, points.size));
    }
    Points back = ChunkCodec.decode(start, concat(segments));
    assertThat(back.size).isEqualTo(reference.size());
    int i = 0;
    for (Map.Entry<Long, Double> e : reference.entrySet()) {
      assertThat(back.times[i]).isEqualTo(e.getKey());
      assertThat(back.values[i]).isEqualTo(e.getValue());
      i++;
    }
  }

  @Property(tries = 50)
  void regularSlowSeriesCompressToAFewBytesAPoint(@ForAll @IntRange(min = 100, max = 2000) int n) {
    Points points = new Points(n);
    for (int i = 0; i < n; i++) {
      points.add(1_764_547_200_000L + i * 1000L, 20 + (i / 60) * 0.5); // 1 s data, a step a minute
    }
    byte[] bytes = ChunkCodec.encode(points.first(), points, 0, n);
    assertThat(bytes.length).isLessThan(n); // under 8 bits a point, against 16 bytes raw
    assertSame(ChunkCodec.decode(points.first(), bytes), points);
  }

  @Provide
  Arbitrary<List<Sample>> series() {
    Arbitrary<Long> gaps = Arbitraries.oneOf(
        Arbitraries.just(1000L), Arbitraries.longs().between(1, 100),
        Arbitraries.longs().between(1, 5_000_000), Arbitraries.longs().between(1, 1L << 40));
    Arbitrary<Double> values = Arbitraries.oneOf(
        Arbitraries.doubles(), Arbitraries.of(0.0, -0.0, 1.0, Double.MAX_VALUE, Double.MIN_VALUE, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY),
        Arbitraries.integers().between(-1000, 1000).map(i -> i / 4.0),
        // Arbitrary bit patterns, but no NaN payloads: a CPU may quieten a signalling NaN in a register.
        Arbitraries.longs().map(Double::longBitsToDouble).filter(d -> !Double.isNaN(d)));
    return Combinators.combine(gaps, values).as(Sample::new).list().ofMinSize(1).ofMaxSize(300);
  }

  @Provide
  Arbitrary<Long> starts() {
    return Arbitraries.longs().between(-1L << 45, 1L << 45);
  }

  @Provide
  Arbitrary<List<List<Long>>> batches() {
    return Arbitraries.longs().between(0, 500).list().ofMinSize(1).ofMaxSize(30).list().ofMinSize(1).ofMaxSize(8);
  }

  private static Points ascending(long start, List<Sample> samples) {
    Points points = new Points(samples.size());
    long t = start;
    for (int i = 0; i < samples.size(); i++) {
      if (i > 0) {
        t += samples.get(i).gap();
      }
      points.add(t, samples.get(i).value());
    }
    return points;
  }

  private static byte[] concat(List<byte[]> parts) {
    int length = parts.stream().mapToInt(p -> p.length).sum();
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  private static void assertSame(Points actual, Points expected) {
    assertThat(actual.size).isEqualTo(expected.size);
    for (int i = 0; i < expected.size; i++) {
      assertThat(actual.times[i]).as("time %d", i).isEqualTo(expected.times[i]);
      assertThat(Double.doubleToRawLongBits(actual.values[i])).as("value bits %d", i)
          .isEqualTo(Double.doubleToRawLongBits(expected.values[i]));
    }
  }
}
