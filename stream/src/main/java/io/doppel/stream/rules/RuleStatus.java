package io.doppel.stream.rules;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A rule and what it has done since it was defined or the server started: evaluations, writes (values or alert
 * states written to twins), errors (the last one with its time), alerts raised and cleared, and how many of its
 * alerts are active and pending now.
 *
 * @param problem why a stored rule is not running (its model changed under it and it no longer compiles); null
 *     when it runs
 */
public record RuleStatus(RuleDefinition definition, long evaluations, long writes, long errors,
    @Nullable String lastError, @Nullable Instant lastErrorAt, long raised, long cleared, long active, long pending,
    @Nullable String problem) {}
