/** The twin engine: twins, relationships, JSON patches, validation against models, versions, ETags and events. */
@org.jspecify.annotations.NullMarked
package io.doppel.twin;
