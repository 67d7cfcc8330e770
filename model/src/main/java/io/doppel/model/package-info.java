/**
 * DTDL v2/v3 models: parsing, resolution and validation into immutable types.
 *
 * <p>Entry point: {@link io.doppel.model.ModelParser}. Its output, {@link io.doppel.model.InterfaceModel} with
 * its {@link io.doppel.model.Content} and {@link io.doppel.model.Schema} trees, is what every other module of Doppel
 * reads. No I/O beyond reading JSON lives here.
 */
@NullMarked
package io.doppel.model;

import org.jspecify.annotations.NullMarked;
