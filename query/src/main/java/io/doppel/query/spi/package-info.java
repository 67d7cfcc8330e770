/**
 * What queries may ask about a twin beyond its document: live signals (anomaly scores, time-to-threshold warnings)
 * that other features compute. The server implements it; the query module depends on none of them.
 */
@NullMarked
package io.doppel.query.spi;

import org.jspecify.annotations.NullMarked;
