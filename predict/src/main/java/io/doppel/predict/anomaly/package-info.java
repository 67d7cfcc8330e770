/** Online anomaly detection on numeric series, with scores in [0, 1] and explanations, and NAB scoring. */
@NullMarked
package io.doppel.predict.anomaly;

import org.jspecify.annotations.NullMarked;
