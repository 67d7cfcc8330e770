package io.doppel.predict.forecast.m4;

/** Mean sMAPE and MASE of a method over a set of series, and its OWA against Naive2 on the same series. */
public record M4Score(int series, double smape, double mase, double owa) {}
