package io.doppel.predict.forecast;

/**
 * Nelder-Mead simplex minimiser on an unconstrained space (models map it onto their admissible region), with the
 * standard coefficients. Allocation-free per evaluation; the objective may return +infinity for a point to avoid.
 */
final class NelderMead {
  interface Objective {
    double value(double[] x);
  }

  private NelderMead() {}

  /** Minimises from {@code start} (overwritten with the best point found); returns the best value. */
  static double minimise(Objective f, double[] start, double step, int maxEvaluations, double tolerance) {
    int d = start.length;
    double[][] simplex = new double[d + 1][d];
    double[] values = new double[d + 1];
    for (int i = 0; i <= d; i++) {
      System.arraycopy(start, 0, simplex[i], 0, d);
      if (i > 0) {
        simplex[i][i - 1] += step;
      }
      values[i] = f.value(simplex[i]);
    }
    int evaluations = d + 1;
    double[] centroid = new double[d];
    double[] reflected = new double[d];
    double[] trial = new double[d];
    while (evaluations < maxEvaluations) {
      sort(simplex, values);
      double best = values[0], worst = values[d];
      if (Math.abs(worst - best) <= tolerance * (Math.abs(best) + tolerance)) {
        break;
      }
      java.util.Arrays.fill(centroid, 0);
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          centroid[j] += simplex[i][j] / d;
        }
      }
      for (int j = 0; j < d; j++) {
        reflected[j] = centroid[j] + (centroid[j] - simplex[d][j]);
      }
      double fr = f.value(reflected);
      evaluations++;
      if (fr < values[0]) {
        for (int j = 0; j < d; j++) {
          trial[j] = centroid[j] + 2 * (reflected[j] - centroid[j]);
        }
        double fe = f.value(trial);
        evaluations++;
        if (fe < fr) {
          replaceWorst(simplex, values, trial, fe);
        } else {
          replaceWorst(simplex, values, reflected, fr);
        }
      } else if (fr < values[d - 1]) {
        replaceWorst(simplex, values, reflected, fr);
      } else {
        boolean outside = fr < worst;
        for (int j = 0; j < d; j++) {
          trial[j] = outside ? centroid[j] + 0.5 * (reflected[j] - centroid[j])
              : centroid[j] + 0.5 * (simplex[d][j] - centroid[j]);
        }
        double fc = f.value(trial);
        evaluations++;
        if (fc < Math.min(fr, worst)) {
          replaceWorst(simplex, values, trial, fc);
        } else {
          for (int i = 1; i <= d; i++) {
            for (int j = 0; j < d; j++) {
              simplex[i][j] = simplex[0][j] + 0.5 * (simplex[i][j] - simplex[0][j]);
            }
            values[i] = f.value(simplex[i]);
          }
          evaluations += d;
        }
      }
    }
    sort(simplex, values);
    System.arraycopy(simplex[0], 0, start, 0, d);
    return values[0];
  }

  private static void replaceWorst(double[][] simplex, double[] values, double[] point, double value) {
    int d = simplex.length - 1;
    System.arraycopy(point, 0, simplex[d], 0, point.length);
    values[d] = value;
  }

  /** Insertion sort by value (d is small); NaN sorts last. */
  private static void sort(double[][] simplex, double[] values) {
    for (int i = 1; i < values.length; i++) {
      double v = values[i];
      double[] p = simplex[i];
      int j = i - 1;
      while (j >= 0 && greater(values[j], v)) {
        values[j + 1] = values[j];
        simplex[j + 1] = simplex[j];
        j--;
      }
      values[j + 1] = v;
      simplex[j + 1] = p;
    }
  }

  private static boolean greater(double a, double b) {
    return Double.isNaN(a) ? !Double.isNaN(b) : a > b;
  }
}
