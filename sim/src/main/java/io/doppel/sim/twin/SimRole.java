package io.doppel.sim.twin;

/** What a twin is in the queueing network. */
public enum SimRole {
  /** Sends requests in at its arrival rate. */
  SOURCE,
  /** Serves requests: replicas in front of one queue. */
  STATION,
  /** Forwards requests along its flows without service time. */
  ROUTER,
  /** Requests reaching it leave the network. */
  SINK
}
