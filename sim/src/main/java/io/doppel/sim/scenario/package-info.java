/**
 * What-if scenarios on a twin graph: a definition (base time, changes, workload, run settings), its run against
 * the unchanged baseline with common random numbers, results with confidence intervals and their comparison, and
 * calibration of arrival rates and service times from recorded telemetry.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.sim.scenario;
