package io.doppel.predict.forecast;

/** One exponential smoothing state-space model: error, trend and season components, as in Hyndman et al. (2008). */
public record EtsSpec(Component error, Trend trend, Component season) {
  public enum Component { NONE, ADDITIVE, MULTIPLICATIVE }

  public enum Trend { NONE, ADDITIVE, DAMPED }

  public boolean multiplicativeError() {
    return error == Component.MULTIPLICATIVE;
  }

  public boolean seasonal() {
    return season != Component.NONE;
  }

  /** Hyndman's notation, e.g. {@code ETS(M,Ad,A)}. */
  public String label() {
    return "ETS(" + letter(error) + "," + switch (trend) {
      case NONE -> "N";
      case ADDITIVE -> "A";
      case DAMPED -> "Ad";
    } + "," + letter(season) + ")";
  }

  private static String letter(Component c) {
    return switch (c) {
      case NONE -> "N";
      case ADDITIVE -> "A";
      case MULTIPLICATIVE -> "M";
    };
  }
}
