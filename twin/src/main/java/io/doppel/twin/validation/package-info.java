/** Checks JSON values against DTDL schemas and contents, collecting every problem with the JSON path it is at. */
@org.jspecify.annotations.NullMarked
package io.doppel.twin.validation;
