package io.doppel.predict.forecast;

/**
 * A forecast of {@code h} steps after the last observation: the point forecast and its 80% and 95% prediction
 * intervals, the model that made it and why that model was chosen (or why only a naive forecast was possible).
 * Arrays are owned by the record; callers must not modify them.
 */
public record Forecast(double[] mean, double[] lower80, double[] upper80, double[] lower95, double[] upper95,
    String model, String reason) {

  static final double Z80 = 1.2815515655446004;
  static final double Z95 = 1.959963984540054;

  public int horizon() {
    return mean.length;
  }

  /** Symmetric normal intervals around {@code mean} from the forecast variance per step. */
  static Forecast normal(double[] mean, double[] variance, String model, String reason) {
    int h = mean.length;
    double[] l80 = new double[h], u80 = new double[h], l95 = new double[h], u95 = new double[h];
    for (int i = 0; i < h; i++) {
      double sd = Math.sqrt(Math.max(0, variance[i]));
      l80[i] = mean[i] - Z80 * sd;
      u80[i] = mean[i] + Z80 * sd;
      l95[i] = mean[i] - Z95 * sd;
      u95[i] = mean[i] + Z95 * sd;
    }
    return new Forecast(mean, l80, u80, l95, u95, model, reason);
  }

  /** The same intervals' half-widths around another point forecast (used by combinations). */
  Forecast recentred(double[] newMean, String newModel, String newReason) {
    int h = mean.length;
    double[] l80 = new double[h], u80 = new double[h], l95 = new double[h], u95 = new double[h];
    for (int i = 0; i < h; i++) {
      double shift = newMean[i] - mean[i];
      l80[i] = lower80[i] + shift;
      u80[i] = upper80[i] + shift;
      l95[i] = lower95[i] + shift;
      u95[i] = upper95[i] + shift;
    }
    return new Forecast(newMean, l80, u80, l95, u95, newModel, newReason);
  }
}
