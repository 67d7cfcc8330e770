package io.doppel.sim.kernel;

/** How a kernel run ended: the reason, the simulated time it reached and how many events it processed. */
public record RunOutcome(StopReason reason, double endTime, long events) {}
