/** Prediction benchmarks: online anomaly scoring. */
@org.jspecify.annotations.NullMarked
package io.doppel.bench.predict;
