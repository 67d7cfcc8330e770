/**
 * The Numenta Anomaly Benchmark's scoring, reimplemented to give the same numbers: anomaly windows, the scaled
 * sigmoid reward, the probationary period, cost profiles, the corpus-wide threshold and normalisation between the
 * null and the perfect detector.
 */
@NullMarked
package io.doppel.predict.anomaly.nab;

import org.jspecify.annotations.NullMarked;
