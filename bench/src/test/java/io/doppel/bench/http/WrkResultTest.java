package io.doppel.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WrkResultTest {

  @Test
  void parsesTheLineThePatchScriptPrints() {
    String output = """
        Running 30s test @ http://127.0.0.1:4567
          2 threads and 64 connections
        DOPPEL_RESULT requests=900000 duration_us=30000000 status_errors=3 connect_errors=1 read_errors=2 \
        write_errors=0 timeouts=4 p50_us=1500 p90_us=2500 p99_us=7000 p999_us=12000 mean_us=1700.5 max_us=45000
        """;
    WrkResult result = WrkResult.parse(output);
    assertThat(result.throughput()).isCloseTo(30_000.0, within(0.001));
    assertThat(result.statusErrors()).isEqualTo(3);
    assertThat(result.socketErrors()).isEqualTo(7);
    assertThat(result.p50Micros()).isEqualTo(1500);
    assertThat(result.p99Micros()).isEqualTo(7000);
    assertThat(result.meanMicros()).isEqualTo(1700.5);
  }

  @Test
  void rejectsOutputWithoutAResultLineAndQuotesIt() {
    assertThatThrownBy(() -> WrkResult.parse("unable to connect to 127.0.0.1:1 Connection refused"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Connection refused");
  }

  @Test
  void rejectsAResultLineWithAMissingField() {
    assertThatThrownBy(() -> WrkResult.parse("DOPPEL_RESULT requests=5 duration_us=10"))
        .hasMessageContaining("status_errors");
  }
}
