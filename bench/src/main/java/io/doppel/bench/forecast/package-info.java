/** Forecasting benchmarks: fit + forecast time per series. */
@NullMarked
package io.doppel.bench.forecast;

import org.jspecify.annotations.NullMarked;
