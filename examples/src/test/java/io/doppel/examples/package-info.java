/** Checks that the demo domain packs shipped in {@code doppel-examples} are valid models and consistent graphs. */
@NullMarked
package io.doppel.examples;

import org.jspecify.annotations.NullMarked;
