package io.doppel.predict.forecast;

/** Makes a series usable by the models: leading and trailing gaps dropped, inner NaNs linearly interpolated. */
final class SeriesCleaning {
  private SeriesCleaning() {}

  /** The cleaned series and how many values were filled; an empty array when no value is finite. */
  record Cleaned(double[] values, int filled) {}

  static Cleaned clean(double[] y) {
    int first = 0, last = y.length - 1;
    while (first <= last && !Double.isFinite(y[first])) {
      first++;
    }
    while (last >= first && !Double.isFinite(y[last])) {
      last--;
    }
    if (first > last) {
      return new Cleaned(new double[0], 0);
    }
    double[] out = java.util.Arrays.copyOfRange(y, first, last + 1);
    int filled = 0;
    int prev = 0;
    for (int i = 1; i < out.length; i++) {
      if (Double.isFinite(out[i])) {
        for (int j = prev + 1; j < i; j++) {
          out[j] = out[prev] + (out[i] - out[prev]) * (j - prev) / (i - prev);
          filled++;
        }
        prev = i;
      }
    }
    return new Cleaned(out, filled);
  }

  static boolean constant(double[] y) {
    for (double v : y) {
      if (v != y[0]) {
        return false;
      }
    }
    return true;
  }

  static boolean positive(double[] y) {
    for (double v : y) {
      if (!(v > 0)) {
        return false;
      }
    }
    return true;
  }
}
