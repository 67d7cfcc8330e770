/**
 * Standing time-to-threshold warnings: definitions (which twins, which series, which threshold, how far ahead) and
 * the background monitor that forecasts every matching series and says when each is expected to cross.
 */
@NullMarked
package io.doppel.predict.warning;

import org.jspecify.annotations.NullMarked;
