package io.doppel.history.spi;

/**
 * What the change log can answer for.
 *
 * @param completeAfter every engine change with a greater version is logged (the oldest replayable cursor)
 * @param since the earliest time, epoch milliseconds, the graph can be rolled back to ({@code Long.MIN_VALUE} when
 *     the log began with the engine)
 * @param versionAtSince the engine version the graph had at {@code since}: rolling back to a later time never goes
 *     below it (the states the log began with, or retention kept, all lie at or below it)
 */
public record ChangeBounds(long completeAfter, long since, long versionAtSince) {}
