package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DiskReserveTest {
  @Test
  void parsesSizesAndShares() {
    assertThat(DiskReserve.parse("256MiB").bytesOf(1L << 40)).isEqualTo(256L << 20);
    assertThat(DiskReserve.parse("1 GiB").bytesOf(0)).isEqualTo(1L << 30);
    assertThat(DiskReserve.parse("500MB").bytesOf(0)).isEqualTo(500_000_000L);
    assertThat(DiskReserve.parse("12345").bytesOf(0)).isEqualTo(12345);
    assertThat(DiskReserve.parse("0").bytesOf(100)).isZero();
    assertThat(DiskReserve.parse("2%").bytesOf(1000)).isEqualTo(20);
    assertThat(DiskReserve.parse("2.5%").bytesOf(1000)).isEqualTo(25);
    assertThat(DiskReserve.parse("256MiB")).hasToString("256MiB");
    assertThat(DiskReserve.parse("2%")).hasToString("2%");
    assertThat(DiskReserve.DEFAULT).hasToString("256MiB");
  }

  @Test
  void refusesWhatIsNotASizeSayingWhatIs() {
    assertThatThrownBy(() -> DiskReserve.parse("lots")).hasMessageContaining("256MiB");
    assertThatThrownBy(() -> DiskReserve.parse("-5MiB")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DiskReserve.parse("150%")).hasMessageContaining("[0, 100]");
  }
}
