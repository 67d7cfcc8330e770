/** How quickly rules follow changes: a derived average over neighbours under a stream of patches. */
@org.jspecify.annotations.NullMarked
package io.doppel.bench.rules;
