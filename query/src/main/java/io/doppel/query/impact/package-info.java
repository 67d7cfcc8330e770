/** Impact analysis: the twins upstream or downstream of a twin along chosen relationships, with their paths. */
@org.jspecify.annotations.NullMarked
package io.doppel.query.impact;
