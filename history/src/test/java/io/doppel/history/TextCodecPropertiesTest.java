package io.doppel.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Text segments lose nothing: every time and every string (any Unicode, empty, repeated) comes back as written. */
class TextCodecPropertiesTest {
  static final long START = 1_764_547_200_000L;

  record Sample(long gap, boolean text, String word, double number) {}

  @Property(tries = 300)
  void textSeriesRoundTripExactly(@ForAll("texts") List<Sample> samples) {
    Points points = ascending(samples, true);
    Points back = ChunkCodec.decode(START, ChunkCodec.encode(START, points, 0, points.size));
    assertSame(back, points);
  }

  @Property(tries = 300)
  void mixedNumbersAndTextsRoundTripAndSplitIntoSegmentsReadAsOne(
      @ForAll("texts") List<Sample> samples, @ForAll @IntRange(min = 1, max = 5) int pieces) {
    Points points = ascending(samples, false);
    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    int step = Math.max(1, points.size / pieces);
    for (int from = 0; from < points.size; from += step) {
      chunk.writeBytes(ChunkCodec.encode(START, points, from, Math.min(points.size, from + step)));
    }
    assertSame(ChunkCodec.decode(START, chunk.toByteArray()), points);
    ChunkCodec.Summary summary = ChunkCodec.summarize(START, chunk.toByteArray());
    assertThat(summary.points()).isEqualTo(points.size);
    assertThat(summary.earliest()).isEqualTo(points.first());
  }

  @Property(tries = 50)
  void repeatedStatusValuesTakeAFewBytesAPoint(@ForAll @IntRange(min = 200, max = 1024) int n) {
    Points points = new Points(n);
    String[] states = {"idle", "running", "running", "running", "fault"};
    for (int i = 0; i < n; i++) {
      points.add(START + i * 1000L, Double.NaN, states[(i / 7) % states.length]);
    }
    byte[] bytes = ChunkCodec.encode(START, points, 0, n);
    assertThat(bytes.length).isLessThan(n); // under a byte a point once deflated
    assertSame(ChunkCodec.decode(START, bytes), points);
  }

  @Provide
  Arbitrary<List<Sample>> texts() {
    Arbitrary<String> words = Arbitraries.oneOf(
        // Every char but unpaired surrogates (UTF-8 cannot hold them; paired ones come from the list below).
        Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\uffff').ofMaxLength(40),
        Arbitraries.of("ok", "warn", "fault", "", "a,b", "say \"hi\"", "line\nbreak", "\u00e9t\u00e9 \ud83c\udf21"));
    return Combinators.combine(
        Arbitraries.longs().between(1, 5_000_000),
        Arbitraries.of(true, true, false),
        words,
        Arbitraries.doubles().between(-1e6, 1e6))
        .as(Sample::new).list().ofMinSize(1).ofMaxSize(300);
  }

  private static Points ascending(List<Sample> samples, boolean textsOnly) {
    Points points = new Points(samples.size());
    long t = START;
    for (Sample s : samples) {
      if (textsOnly || s.text()) {
        points.add(t, Double.NaN, s.word());
      } else {
        points.add(t, s.number());
      }
      t += s.gap();
    }
    return points;
  }

  private static void assertSame(Points back, Points expected) {
    assertThat(back.size).isEqualTo(expected.size);
    for (int i = 0; i < expected.size; i++) {
      assertThat(back.times[i]).as("time %d", i).isEqualTo(expected.times[i]);
      assertThat(back.text(i)).as("text %d", i).isEqualTo(expected.text(i));
      if (expected.text(i) == null) {
        assertThat(Double.doubleToRawLongBits(back.values[i])).as("value %d", i)
            .isEqualTo(Double.doubleToRawLongBits(expected.values[i]));
      }
    }
  }
}
