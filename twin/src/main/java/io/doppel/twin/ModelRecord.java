package io.doppel.twin;

import io.doppel.model.InterfaceModel;
import java.time.Instant;

/** An uploaded model: the resolved Interface, whether it is decommissioned, and when it was uploaded. */
public record ModelRecord(InterfaceModel model, boolean decommissioned, Instant uploadTime) {}
