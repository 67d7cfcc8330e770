package io.doppel.stream;

/**
 * A moment's view of the stream.
 *
 * @param subscribers open subscriptions
 * @param retainedEvents events in the ring
 * @param retainedBytes their encoded size
 * @param floor the newest version no longer guaranteed retained; cursors below it are expired
 * @param newest the newest retained version (the floor when none is retained)
 * @param lostEvents events dropped between the engine and the ring because the dispatcher fell behind
 * @param tooSlowDisconnects subscribers disconnected for falling behind
 */
public record StreamStats(int subscribers, int retainedEvents, long retainedBytes, long floor, long newest,
    long lostEvents, long tooSlowDisconnects) {}
