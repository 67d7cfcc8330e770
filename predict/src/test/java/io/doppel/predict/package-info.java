@NullMarked
package io.doppel.predict;

import org.jspecify.annotations.NullMarked;
