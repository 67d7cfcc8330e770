package io.doppel.predict.forecast;

/** A regular series with its id, as read from a file. */
public record NamedSeries(String id, double[] values) {}
