package io.doppel.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

  @Test
  void defaultsMeasureBothTargetsWithSixtyFourConnectionsOnTenThousandTwins() {
    LoadOptions options = LoadOptions.parse(new String[0]);
    assertThat(options.connections()).isEqualTo(64);
    assertThat(options.twins()).isEqualTo(10_000);
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.bare()).isTrue();
    assertThat(options.doppel()).isTrue();
    assertThat(options.out()).isNull();
  }

  @Test
  void readsEveryOption() {
    LoadOptions options = LoadOptions.parse(new String[] {
        "--connections", "16", "--threads", "1", "--duration", "5", "--warmup", "2", "--twins", "100",
        "--rounds", "3", "--targets", "doppel", "--data-dir", "/tmp/d", "--out", "r.md"});
    assertThat(options).isEqualTo(new LoadOptions(16, 1, Duration.ofSeconds(5), Duration.ofSeconds(2), 100, 3,
        false, true, Path.of("/tmp/d"), Path.of("r.md")));
  }

  @Test
  void rejectsUnknownOptionsMissingValuesAndNonPositiveNumbers() {
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--conections", "4"}))
        .hasMessageContaining("'--conections'");
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--twins"}))
        .hasMessageContaining("missing value");
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--twins", "0"}))
        .hasMessageContaining("--twins needs a positive integer, got '0'");
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--duration", "ten"}))
        .hasMessageContaining("--duration needs a positive integer, got 'ten'");
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--targets", "bare,nginx"}))
        .hasMessageContaining("'bare,nginx'");
  }
}
