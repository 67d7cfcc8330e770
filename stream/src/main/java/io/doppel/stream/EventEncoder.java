package io.doppel.stream;

import io.doppel.model.ModelCatalog;
import io.doppel.twin.TwinEvent;

/**
 * The stream's CloudEvents encoding for consumers outside this package (event routes), so that every consumer of
 * the engine's changes sends the same CloudEvent for the same change. Not thread-safe: one per thread.
 */
public final class EventEncoder {
  private final CloudEvents encoder = new CloudEvents();

  /** The event with the fields filters look at and its CloudEvent JSON; lineages come from {@code catalog}. */
  public StreamEvent encode(TwinEvent event, ModelCatalog catalog) {
    return encoder.encode(event, catalog, false);
  }

  /** {@link #encode} that also keeps a patched twin's state when {@code withState}, for {@code where} filters. */
  public StreamEvent encode(TwinEvent event, ModelCatalog catalog, boolean withState) {
    return encoder.encode(event, catalog, withState);
  }
}
