package io.doppel.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.ingest.Message;
import io.doppel.ingest.Unmappable;
import io.doppel.twin.DoppelException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class ExpressionPropertiesTest {
  private static Scope scope(String payload) {
    return new Scope(Message.of("c", "s", "a/b", payload.getBytes(StandardCharsets.UTF_8), Instant.EPOCH));
  }

  @Property
  void integerArithmeticAgreesWithJava(@ForAll @IntRange(min = -100_000, max = 100_000) int a,
      @ForAll @IntRange(min = -100_000, max = 100_000) int b, @ForAll @IntRange(min = 1, max = 1000) int c)
      throws Unmappable {
    String payload = "{\"a\":" + a + ",\"b\":" + b + "}";
    long expected = (long) a * 3 - b + (a % c);
    assertThat(ExpressionParser.parse("$.a * 3 - $.b + ($.a % " + c + ")", "f").eval(scope(payload)).asLong())
        .isEqualTo(expected);
  }

  @Property
  void unitConversionsRoundTrip(@ForAll @DoubleRange(min = -1e6, max = 1e6) double v) {
    for (String[] pair : new String[][] {{"degF", "degC"}, {"K", "degF"}, {"psi", "bar"}, {"kPa", "atm"},
        {"mph", "km/h"}, {"kWh", "BTU"}}) {
      double there = Units.conversion(pair[0] + "->" + pair[1], "u").apply(v);
      double back = Units.conversion(pair[1] + "->" + pair[0], "u").apply(there);
      assertThat(back).isCloseTo(v, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(v))));
    }
  }

  /** Any text either parses or is refused as MAPPING_INVALID with a column: never another exception. */
  @Property(tries = 2000)
  void parsingNeverFailsOtherwise(@ForAll @StringLength(max = 40) String text) {
    try {
      ExpressionParser.parse(text, "f");
    } catch (DoppelException e) {
      assertThat(e.details()).singleElement().satisfies(d -> {
        assertThat(d.target()).isEqualTo("f");
        assertThat(d.message()).containsAnyOf("column", "empty");
      });
    }
  }
}
