package io.doppel.predict.forecast;

/**
 * STL, seasonal-trend decomposition by LOESS (Cleveland et al. 1990), a port of the reference Fortran's inner and
 * outer loops: cycle-subseries smoothing, low-pass filtering, trend smoothing, optional robustness weights.
 * Indices here are 0-based; the LOESS windows, degrees and jumps are the reference's defaults.
 */
public final class Stl {
  /** Seasonal, trend and remainder; {@code seasonal + trend + remainder == y}. */
  public record Decomposition(double[] seasonal, double[] trend, double[] remainder) {}

  private Stl() {}

  /** R's {@code stl(x, s.window)} defaults: 2 inner passes, no robustness iterations. */
  public static Decomposition decompose(double[] y, int period, int seasonalWindow) {
    return decompose(y, period, seasonalWindow, nextOdd(Math.ceil(1.5 * period / (1 - 1.5 / seasonalWindow))),
        nextOdd(period), 2, 0);
  }

  static int nextOdd(double x) {
    int k = (int) Math.round(x);
    return k % 2 == 0 ? k + 1 : k;
  }

  public static Decomposition decompose(double[] y, int np, int ns, int nt, int nl, int inner, int outer) {
    int n = y.length;
    ns = Math.max(3, ns % 2 == 0 ? ns + 1 : ns);
    nt = Math.max(3, nt % 2 == 0 ? nt + 1 : nt);
    nl = Math.max(3, nl % 2 == 0 ? nl + 1 : nl);
    int nsjump = Math.max(1, (int) Math.ceil(ns / 10.0));
    int ntjump = Math.max(1, (int) Math.ceil(nt / 10.0));
    int nljump = Math.max(1, (int) Math.ceil(nl / 10.0));
    double[] season = new double[n];
    double[] trend = new double[n];
    double[] rw = new double[n];
    double[] work1 = new double[n + 2 * np];
    double[] work2 = new double[n + 2 * np];
    double[] work3 = new double[n + 2 * np];
    double[] cycle = new double[n + 2 * np];
    Scratch scratch = new Scratch(n + 2 * np);
    boolean userw = false;
    for (int k = 0; ; k++) {
      for (int pass = 0; pass < inner; pass++) {
        for (int i = 0; i < n; i++) {
          work1[i] = y[i] - trend[i];
        }
        subseries(work1, n, np, ns, nsjump, userw, rw, cycle, scratch);
        lowPass(cycle, n, np, work3, work2);
        // work3 holds the low-pass series of length n; smooth it with the low-pass LOESS
        ess(work3, n, nl, 1, nljump, false, rw, work1, 0, scratch);
        for (int i = 0; i < n; i++) {
          season[i] = cycle[np + i] - work1[i];
          work2[i] = y[i] - season[i];
        }
        ess(work2, n, nt, 1, ntjump, userw, rw, trend, 0, scratch);
      }
      if (k >= outer) {
        break;
      }
      robustnessWeights(y, season, trend, rw);
      userw = true;
    }
    double[] remainder = new double[n];
    for (int i = 0; i < n; i++) {
      remainder[i] = y[i] - season[i] - trend[i];
    }
    return new Decomposition(season, trend, remainder);
  }

  private static final class Scratch {
    final double[] w, sub, subW, subOut;

    Scratch(int size) {
      w = new double[size];
      sub = new double[size];
      subW = new double[size];
      subOut = new double[size];
    }
  }

  /** Smooths each cycle-subseries with LOESS and extends it one cycle on each side: {@code cycle} has n + 2 np. */
  private static void subseries(double[] y, int n, int np, int ns, int nsjump, boolean userw, double[] rw,
      double[] cycle, Scratch s) {
    for (int j = 0; j < np; j++) {
      int k = (n - j - 1) / np + 1;
      if (j >= n) {
        break;
      }
      for (int i = 0; i < k; i++) {
        s.sub[i] = y[i * np + j];
        s.subW[i] = rw[i * np + j];
      }
      // subOut[1..k] are the smoothed values, subOut[0] and subOut[k+1] the extrapolations
      ess(s.sub, k, ns, 0, nsjump, userw, s.subW, s.subOut, 1, s);
      int nright = Math.min(ns, k);
      double left = est(s.sub, k, ns, 0, 0, 1, nright, userw, s.subW, s.w);
      s.subOut[0] = Double.isNaN(left) ? s.subOut[1] : left;
      int nleft = Math.max(1, k - ns + 1);
      double right = est(s.sub, k, ns, 0, k + 1, nleft, k, userw, s.subW, s.w);
      s.subOut[k + 1] = Double.isNaN(right) ? s.subOut[k] : right;
      for (int i = 0; i < k + 2; i++) {
        cycle[i * np + j] = s.subOut[i];
      }
    }
  }

  /** Moving averages of length np, np and 3 over the n + 2 np cycle series: {@code out} gets n values. */
  private static void lowPass(double[] cycle, int n, int np, double[] out, double[] tmp) {
    movingAverage(cycle, n + 2 * np, np, tmp);
    movingAverage(tmp, n + np + 1, np, out);
    movingAverage(out, n + 2, 3, tmp);
    System.arraycopy(tmp, 0, out, 0, n);
  }

  private static void movingAverage(double[] x, int n, int len, double[] out) {
    int newn = n - len + 1;
    double v = 0;
    for (int i = 0; i < len; i++) {
      v += x[i];
    }
    out[0] = v / len;
    for (int j = 1; j < newn; j++) {
      v += x[j + len - 1] - x[j - 1];
      out[j] = v / len;
    }
  }

  /**
   * LOESS at 1-based position xs over points nleft..nright (1-based, inclusive) of y: NaN when every weight is 0.
   * Port of the reference's {@code stlest}.
   */
  private static double est(double[] y, int n, int len, int degree, double xs, int nleft, int nright, boolean userw,
      double[] rw, double[] w) {
    double range = n - 1.0;
    double h = Math.max(xs - nleft, nright - xs);
    if (len > n) {
      h += (len - n) / 2;
    }
    double h9 = 0.999 * h, h1 = 0.001 * h;
    double a = 0;
    for (int j = nleft; j <= nright; j++) {
      double wj = 0;
      double r = Math.abs(j - xs);
      if (r <= h9) {
        if (r <= h1) {
          wj = 1;
        } else {
          double u = r / h;
          double c = 1 - u * u * u;
          wj = c * c * c;
        }
        if (userw) {
          wj *= rw[j - 1];
        }
        a += wj;
      }
      w[j - 1] = wj;
    }
    if (a <= 0) {
      return Double.NaN;
    }
    for (int j = nleft; j <= nright; j++) {
      w[j - 1] /= a;
    }
    if (h > 0 && degree > 0) {
      a = 0;
      for (int j = nleft; j <= nright; j++) {
        a += w[j - 1] * j;
      }
      double b = xs - a;
      double c = 0;
      for (int j = nleft; j <= nright; j++) {
        c += w[j - 1] * (j - a) * (j - a);
      }
      if (Math.sqrt(c) > 0.001 * range) {
        b /= c;
        for (int j = nleft; j <= nright; j++) {
          w[j - 1] *= b * (j - a) + 1;
        }
      }
    }
    double ys = 0;
    for (int j = nleft; j <= nright; j++) {
      ys += w[j - 1] * y[j - 1];
    }
    return ys;
  }

  /** LOESS of y (n points) with jumps and linear interpolation between; results at ys[offset..offset+n). */
  private static void ess(double[] y, int n, int len, int degree, int njump, boolean userw, double[] rw, double[] ys,
      int off, Scratch s) {
    if (n < 2) {
      ys[off] = y[0];
      return;
    }
    int newnj = Math.min(njump, n - 1);
    int nleft = 0, nright = 0;
    if (len >= n) {
      nleft = 1;
      nright = n;
      for (int i = 1; i <= n; i += newnj) {
        fit(y, n, len, degree, i, nleft, nright, userw, rw, ys, off, s);
      }
    } else if (newnj == 1) {
      int nsh = (len + 1) / 2;
      nleft = 1;
      nright = len;
      for (int i = 1; i <= n; i++) {
        if (i > nsh && nright != n) {
          nleft++;
          nright++;
        }
        fit(y, n, len, degree, i, nleft, nright, userw, rw, ys, off, s);
      }
    } else {
      int nsh = (len + 1) / 2;
      for (int i = 1; i <= n; i += newnj) {
        if (i < nsh) {
          nleft = 1;
          nright = len;
        } else if (i >= n - nsh + 1) {
          nleft = n - len + 1;
          nright = n;
        } else {
          nleft = i - nsh + 1;
          nright = len + i - nsh;
        }
        fit(y, n, len, degree, i, nleft, nright, userw, rw, ys, off, s);
      }
    }
    if (newnj != 1) {
      for (int i = 1; i <= n - newnj; i += newnj) {
        double delta = (ys[off + i + newnj - 1] - ys[off + i - 1]) / newnj;
        for (int j = i + 1; j <= i + newnj - 1; j++) {
          ys[off + j - 1] = ys[off + i - 1] + delta * (j - i);
        }
      }
      int k = ((n - 1) / newnj) * newnj + 1;
      if (k != n) {
        fit(y, n, len, degree, n, nleft, nright, userw, rw, ys, off, s);
        if (k != n - 1) {
          double delta = (ys[off + n - 1] - ys[off + k - 1]) / (n - k);
          for (int j = k + 1; j <= n - 1; j++) {
            ys[off + j - 1] = ys[off + k - 1] + delta * (j - k);
          }
        }
      }
    }
  }

  private static void fit(double[] y, int n, int len, int degree, int i, int nleft, int nright, boolean userw,
      double[] rw, double[] ys, int off, Scratch s) {
    double v = est(y, n, len, degree, i, nleft, nright, userw, rw, s.w);
    ys[off + i - 1] = Double.isNaN(v) ? y[i - 1] : v;
  }

  /** Bisquare weights of the remainders scaled by six times their median absolute value. */
  private static void robustnessWeights(double[] y, double[] season, double[] trend, double[] rw) {
    int n = y.length;
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = Math.abs(y[i] - season[i] - trend[i]);
    }
    double[] sorted = r.clone();
    java.util.Arrays.sort(sorted);
    double cmad = 3.0 * (sorted[(n - 1) / 2] + sorted[n / 2]);
    double c9 = 0.999 * cmad, c1 = 0.001 * cmad;
    for (int i = 0; i < n; i++) {
      if (r[i] <= c1) {
        rw[i] = 1;
      } else if (r[i] <= c9) {
        double u = r[i] / cmad;
        rw[i] = (1 - u * u) * (1 - u * u);
      } else {
        rw[i] = 0;
      }
    }
  }
}
