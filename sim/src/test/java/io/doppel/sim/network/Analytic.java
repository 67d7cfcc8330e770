package io.doppel.sim.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.sim.stats.Estimate;

/** Assertions of simulated estimates against queueing theory. */
final class Analytic {
  private Analytic() {}

  /**
   * The analytic value lies inside the simulated confidence interval, and that interval is narrower than
   * {@code maxRelativeHalfWidth} of the value (so a test cannot pass through a uselessly wide interval).
   */
  static void assertCovers(Estimate estimate, double analytic, double maxRelativeHalfWidth, String what) {
    assertThat(estimate.n()).as("%s: replications", what).isGreaterThanOrEqualTo(2);
    assertThat(estimate.contains(analytic))
        .as("%s: analytic %s in [%s, %s]", what, analytic, estimate.low(), estimate.high())
        .isTrue();
    assertThat(estimate.halfWidth())
        .as("%s: half-width %s of %s", what, estimate.halfWidth(), analytic)
        .isLessThan(maxRelativeHalfWidth * Math.abs(analytic));
  }

  /** Erlang C: probability that an arrival to M/M/c must wait, offered load a = lambda / mu. */
  static double erlangC(int c, double a) {
    double term = 1;
    double sum = 1;
    for (int k = 1; k < c; k++) {
      term *= a / k;
      sum += term;
    }
    double last = term * a / c;
    double rho = a / c;
    double top = last / (1 - rho);
    return top / (sum + top);
  }
}
