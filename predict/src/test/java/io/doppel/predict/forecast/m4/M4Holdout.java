package io.doppel.predict.forecast.m4;

import io.doppel.predict.forecast.Forecaster;

/** Scores the forecaster on the holdout only (the last 48 points of each training series), for tuning. */
public final class M4Holdout {
  public static void main(String[] args) {
    var train = M4Data.read("Hourly-train.csv");
    long t0 = System.nanoTime();
    M4Score s = M4Evaluation.holdout(train, 24, 48).score((y, h) -> Forecaster.forecast(y, new int[] {24, 168}, h).mean());
    System.out.printf("holdout %s %.1f ms/series%n", s, (System.nanoTime() - t0) / 1e6 / train.size());
  }
}
