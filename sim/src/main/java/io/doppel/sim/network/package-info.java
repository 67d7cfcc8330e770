/**
 * Open queueing networks on the kernel: sources with arrival processes, stations with c servers, a bounded or
 * unbounded FIFO queue and optional patience, probabilistic routing between nodes named by id
 * ({@link io.doppel.sim.network.Network}); runs replications in parallel and summarises them with confidence
 * intervals ({@link io.doppel.sim.network.Simulation}). The behaviours a twin graph needs are options on the
 * specs: failures, repairs and outages ({@link io.doppel.sim.network.Failures}), caller timeouts and retries
 * ({@link io.doppel.sim.network.CallPolicy}), circuit breakers, autoscaling and cost, transport delays, blocking
 * buffers, inventories and synchronous calls.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.sim.network;
