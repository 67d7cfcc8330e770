package io.doppel.stream;

import io.doppel.twin.LatencyHistogram;

/**
 * Where an event's time goes between the engine and a subscriber's transport, one duration per event (per
 * subscriber for the last two), since the stream started.
 *
 * @param toRing from the engine's writer handing the event over until it is encoded into the ring (the dispatcher
 *     waking, encoding what was queued before it)
 * @param toTransport from the ring until a subscription hands it to its transport (the subscriber waking,
 *     filtering, its view)
 * @param flushing how long each flush of a subscription's transport took (per flush, not per event): for a
 *     WebSocket, until every frame handed over was written to the socket
 */
public record StreamStages(LatencyHistogram toRing, LatencyHistogram toTransport, LatencyHistogram flushing) {

  StreamStages() {
    this(new LatencyHistogram(), new LatencyHistogram(), new LatencyHistogram());
  }
}
