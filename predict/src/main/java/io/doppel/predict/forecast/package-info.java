/** Forecasting numeric series: model selection among exponential smoothing, Theta, seasonal naive and seasonal decomposition, with prediction intervals. */
@NullMarked
package io.doppel.predict.forecast;

import org.jspecify.annotations.NullMarked;
