package io.doppel.sim.network;

/**
 * A small continuous-time Markov chain solved exactly for its stationary distribution (pi Q = 0, sum pi = 1, by
 * Gaussian elimination with partial pivoting): the reference the simulated behaviours are held to where no
 * closed form is at hand.
 */
final class MarkovChain {
  private final double[][] q;

  MarkovChain(int states) {
    q = new double[states][states];
  }

  void rate(int from, int to, double rate) {
    if (from != to && rate > 0) {
      q[from][to] += rate;
      q[from][from] -= rate;
    }
  }

  /** Stationary probabilities; states without any transition (unused indices) get 0. */
  double[] stationary() {
    int all = q.length;
    int[] used = new int[all];
    int n = 0;
    for (int i = 0; i < all; i++) {
      if (q[i][i] != 0) {
        used[n++] = i;
      }
    }
    // solve Q^T pi = 0 with the last equation replaced by sum(pi) = 1
    double[][] a = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = q[used[j]][used[i]];
      }
    }
    for (int j = 0; j < n; j++) {
      a[n - 1][j] = 1;
    }
    a[n - 1][n] = 1;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] t = a[col];
      a[col] = a[pivot];
      a[pivot] = t;
      for (int r = col + 1; r < n; r++) {
        double f = a[r][col] / a[col][col];
        if (f != 0) {
          for (int k = col; k <= n; k++) {
            a[r][k] -= f * a[col][k];
          }
        }
      }
    }
    double[] pi = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double sum = a[r][n];
      for (int k = r + 1; k < n; k++) {
        sum -= a[r][k] * pi[k];
      }
      pi[r] = sum / a[r][r];
    }
    double[] full = new double[all];
    for (int i = 0; i < n; i++) {
      full[used[i]] = pi[i];
    }
    return full;
  }
}
