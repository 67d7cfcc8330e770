package io.doppel.ingest.mqtt;

import java.util.concurrent.atomic.LongAdder;

/** The endpoint's counters, incremented from every network thread. */
final class MqttCounters {
  final LongAdder connectionsAccepted = new LongAdder();
  final LongAdder connectionsRefused = new LongAdder();
  final LongAdder messagesIn = new LongAdder();
  final LongAdder qos1Acked = new LongAdder();
  final LongAdder publishesRefused = new LongAdder();
  final LongAdder protocolErrors = new LongAdder();
  final LongAdder keepAliveTimeouts = new LongAdder();
  final LongAdder storageFailures = new LongAdder();
  final LongAdder downlinkSent = new LongAdder();
  final LongAdder slowSessionsClosed = new LongAdder();
  final LongAdder loadPauses = new LongAdder();
  /** Exceptions other than I/O ones that reached a session: bugs, logged as warnings. */
  final LongAdder handlerErrors = new LongAdder();

  MqttStats snapshot(long open, long pausedForLoad) {
    return new MqttStats(open, connectionsAccepted.sum(), connectionsRefused.sum(), messagesIn.sum(),
        qos1Acked.sum(), publishesRefused.sum(), protocolErrors.sum(), keepAliveTimeouts.sum(),
        storageFailures.sum(), downlinkSent.sum(), slowSessionsClosed.sum(), loadPauses.sum(), pausedForLoad);
  }
}
