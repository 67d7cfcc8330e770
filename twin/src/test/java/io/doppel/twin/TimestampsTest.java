package io.doppel.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class TimestampsTest {
  @Property(tries = 2000)
  void formatsExactlyAsInstantToString(
      @ForAll @LongRange(min = -100_000_000_000L, max = 300_000_000_000L) long second,
      @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
    Instant instant = Instant.ofEpochSecond(second, nanos);
    assertThat(Timestamps.format(instant)).isEqualTo(instant.toString());
    // Whole milliseconds and microseconds print shorter fractions; the cached second is reused for the next one.
    Instant millis = Instant.ofEpochSecond(second, nanos / 1_000_000 * 1_000_000);
    assertThat(Timestamps.format(millis)).isEqualTo(millis.toString());
    Instant micros = Instant.ofEpochSecond(second, nanos / 1000 * 1000);
    assertThat(Timestamps.format(micros)).isEqualTo(micros.toString());
  }

  @Property(tries = 200)
  void formatsWholeMinutesAndSecondsWithSeconds(@ForAll @LongRange(min = 0, max = 4_000_000) long minute) {
    Instant instant = Instant.ofEpochSecond(minute * 60);
    assertThat(Timestamps.format(instant)).isEqualTo(instant.toString());
  }
}
