/**
 * Stored, versioned mappings: which twin a message feeds (from topic levels, the key, headers or payload fields),
 * which telemetry and properties it sets, with unit conversion and small arithmetic expressions. A definition is
 * checked when it is stored (syntax with positions, units, and the target model when one is declared), so that a
 * mistake is a 400 at {@code PUT /mappings/{id}} rather than a stream of dead letters later.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.ingest.mapping;
