package io.doppel.predict.anomaly.nab;

/** A file's NAB score at one threshold, with its row counts (probationary rows excluded), as NAB's score files list. */
public record FileScore(String file, double threshold, double score, int tp, int tn, int fp, int fn, int totalCount) {}
