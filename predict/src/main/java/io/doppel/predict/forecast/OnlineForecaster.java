package io.doppel.predict.forecast;

import java.util.Arrays;

/**
 * Forecasts a live series cheaply: a full {@link Forecaster} refit every {@code refitEvery} points, and in between
 * the last forecast moves with the data: each arriving point shifts it one step and corrects the level by the
 * point's error against what was forecast for it, damped by the smoothing a level model would apply ({@code alpha}).
 * A point costs O(horizon), a refit the full price.
 */
public final class OnlineForecaster {
  private final int[] periods;
  private final int horizon;
  private final int refitEvery;
  private final int capacity;
  private double[] buffer = new double[256];
  private int size;
  private int sinceRefit;
  private Forecast current;
  private double correction;
  private int shift;

  /** Keeps at most {@code capacity} recent points (older ones drop off at refits). */
  public OnlineForecaster(int[] periods, int horizon, int refitEvery, int capacity) {
    if (horizon < 1 || refitEvery < 1 || capacity < Forecaster.MIN_POINTS) {
      throw new IllegalArgumentException("horizon, refitEvery >= 1 and capacity >= " + Forecaster.MIN_POINTS);
    }
    this.periods = periods.clone();
    this.horizon = horizon;
    this.refitEvery = refitEvery;
    this.capacity = capacity;
    this.current = Forecaster.flat(0, horizon, "naive", "no data yet");
  }

  public void append(double value) {
    if (size == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    buffer[size++] = value;
    if (size > 2 * capacity) {
      System.arraycopy(buffer, size - capacity, buffer, 0, capacity);
      size = capacity;
    }
    sinceRefit++;
    if (size < Forecaster.MIN_POINTS * 2 || sinceRefit >= refitEvery || shift + 1 >= current.horizon()) {
      refit();
    } else if (Double.isFinite(value)) {
      // the error against this step's forecast, half of it carried to the rest of the horizon
      double expected = current.mean()[shift] + correction;
      correction += 0.5 * (value - expected);
      shift++;
    }
  }

  /**
   * Appends several points at once: a long stretch (a first load, a catch-up after a pause) costs one refit instead
   * of one per {@code refitEvery} points; a short one goes the incremental way.
   */
  public void appendAll(double[] values) {
    if (values.length <= Math.min(4, refitEvery)) {
      for (double v : values) {
        append(v);
      }
      return;
    }
    if (size + values.length > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + values.length));
    }
    System.arraycopy(values, 0, buffer, size, values.length);
    size += values.length;
    if (size > 2 * capacity) {
      System.arraycopy(buffer, size - capacity, buffer, 0, capacity);
      size = capacity;
    }
    refit();
  }

  /** How many points are held. */
  public int size() {
    return size;
  }

  /** Refits now, on the most recent {@code capacity} points. */
  public void refit() {
    int from = Math.max(0, size - capacity);
    current = Forecaster.forecast(Arrays.copyOfRange(buffer, from, size), periods, horizon + refitEvery);
    correction = 0;
    shift = 0;
    sinceRefit = 0;
  }

  /** The forecast of the next {@code horizon} points after the last one appended. */
  public Forecast forecast() {
    int h = horizon;
    double[][] parts = {current.mean(), current.lower80(), current.upper80(), current.lower95(), current.upper95()};
    double[][] out = new double[5][h];
    for (int p = 0; p < 5; p++) {
      for (int i = 0; i < h; i++) {
        int k = Math.min(parts[p].length - 1, shift + i);
        out[p][i] = parts[p][k] + correction;
      }
    }
    String reason = shift == 0 ? current.reason()
        : current.reason() + "; moved on " + shift + " points since the last fit";
    return new Forecast(out[0], out[1], out[2], out[3], out[4], current.model(), reason);
  }
}
