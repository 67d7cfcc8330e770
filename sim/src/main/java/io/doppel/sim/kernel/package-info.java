/**
 * The discrete-event kernel: a primitive 4-ary heap of pending events ({@link io.doppel.sim.kernel.EventQueue}), with
 * calendar buckets for the later ones when many are pending, the
 * clock and run loop with its limits ({@link io.doppel.sim.kernel.Kernel}), and seeded random streams. Nothing here
 * allocates per event.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.sim.kernel;
