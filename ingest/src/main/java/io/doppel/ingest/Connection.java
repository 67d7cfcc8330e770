package io.doppel.ingest;

import io.doppel.twin.Origin;
import java.time.Instant;

/**
 * Whether a twin's source is online: {@code source} last fed it at {@code lastHeard}; {@code since} is when
 * {@code online} last changed.
 */
public record Connection(String twinId, Origin source, Instant lastHeard, boolean online, Instant since) {}
