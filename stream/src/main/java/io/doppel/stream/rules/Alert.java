package io.doppel.stream.rules;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One alert rule's state for one twin, as {@code GET /alerts} lists it.
 *
 * @param since when it entered this state
 * @param raisedAt when it last became active; null while it never was
 */
public record Alert(String ruleId, String twinId, AlertState state, String severity, Instant since,
    @Nullable Instant raisedAt) {}
