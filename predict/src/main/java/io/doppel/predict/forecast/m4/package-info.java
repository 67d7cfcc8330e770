/** The M4 competition's data format and accuracy measures, to score forecasts the way the competition did. */
@NullMarked
package io.doppel.predict.forecast.m4;

import org.jspecify.annotations.NullMarked;
