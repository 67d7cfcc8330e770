/** Syntax tree to plan: name resolution, type checks, limits, and the choice of index or scan for each step. */
@org.jspecify.annotations.NullMarked
package io.doppel.query.plan;
