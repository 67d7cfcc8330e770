package io.doppel.sim.scenario;

/** Mean response time of an M/M/c queue (Erlang C), and its inverse in the mean service time. */
final class MmcResponse {
  private MmcResponse() {}

  /** W = S + C(c, a) S / (c - a) with a = lambda S; infinite when a >= c. */
  static double meanResponse(double lambda, int c, double service) {
    double a = lambda * service;
    if (a >= c) {
      return Double.POSITIVE_INFINITY;
    }
    return service + erlangC(c, a) * service / (c - a);
  }

  /** The service time whose M/M/c response is {@code response}: bisection, W grows with S. */
  static double serviceTimeFor(double lambda, int c, double response) {
    double lo = 0;
    double hi = Math.min(response, c / lambda * (1 - 1e-12));
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (meanResponse(lambda, c, mid) < response) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  static double erlangC(int c, double a) {
    double term = 1;
    double sum = 1;
    for (int k = 1; k < c; k++) {
      term *= a / k;
      sum += term;
    }
    double last = term * a / c;
    double top = last * c / (c - a);
    return top / (sum + top);
  }
}
