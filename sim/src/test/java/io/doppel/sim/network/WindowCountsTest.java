package io.doppel.sim.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WindowCountsTest {
  @Test
  void windowsCoverHalfOpenIntervalsAndTheLastTakesTheRest() {
    WindowCounts w = new WindowCounts(10, 5);
    assertThat(w.index(0)).isZero();
    assertThat(w.index(9.999)).isZero();
    assertThat(w.index(10)).isEqualTo(1);
    assertThat(w.index(49.5)).isEqualTo(4);
    assertThat(w.index(1e9)).isEqualTo(4);
    // behind the cursor: answered by division, with the same boundaries
    assertThat(w.index(15)).isEqualTo(1);
    assertThat(w.index(30)).isEqualTo(3);
    assertThat(w.index(-1)).isZero();
  }

  /** The cursor (times in order) and the look-up behind it agree, and both put t in [i w, (i + 1) w). */
  @Test
  void cursorAndDivisionAgreeOnAwkwardWidths() {
    double width = 0.1;
    int n = 1_000;
    WindowCounts forward = new WindowCounts(width, n);
    WindowCounts behind = new WindowCounts(width, n);
    behind.index(1e9);
    SplittableRandom random = new SplittableRandom(3);
    double t = 0;
    while (t < width * n) {
      // steps that often land on a boundary or just past it
      double boundary = (forward.index(t) + 1) * width;
      t = switch (random.nextInt(4)) {
        case 0 -> boundary;
        case 1 -> Math.nextUp(boundary);
        default -> t + random.nextDouble() * 0.05;
      };
      int i = forward.index(t);
      assertThat(behind.index(t)).as("t = %s", t).isEqualTo(i);
      assertThat(i * width).as("start of %s for t = %s", i, t).isLessThanOrEqualTo(t);
      if (i < n - 1) {
        assertThat(t).as("t = %s in window %s", t, i).isLessThan((i + 1) * width);
      }
    }
  }

  @Test
  void areasAreTheRunningAreasAtEachEndMinusThoseAtItsStartAcrossARebase() {
    WindowCounts w = new WindowCounts(10, 3);
    assertThat(w.passes(10)).isFalse();
    assertThat(w.passes(10.5)).isTrue();
    w.closeArea(7, 1, 20, 0);
    assertThat(w.areaEnd()).isEqualTo(20);
    // the warm-up resets the station's running areas to 0 at 12, when they stood at 9, 1, 24, 0
    w.rebase(9, 1, 24, 0);
    w.closeArea(6, 2, 16, 0);
    TimeSeries.StationSeries s = w.series("s", 25, 10, 2, 26, 0);
    // window 1: 2 before the reset and 6 after it, over 4 + 16 server-time
    assertThat(s.utilisation()).containsExactly(7.0 / 20, 8.0 / 20, 4.0 / 10);
    assertThat(s.meanQueueLength()).containsExactly(0.1, 0.2, 0.0);
    assertThat(s.meanServers()).containsExactly(2.0, 2.0, 2.0);
  }
}
