@NullMarked
package io.doppel.fuzz;

import org.jspecify.annotations.NullMarked;
