/** The query room's public face: run Azure Digital Twins queries in pages, explain them, and answer impact questions. */
@org.jspecify.annotations.NullMarked
package io.doppel.query;
