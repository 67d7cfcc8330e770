/**
 * The simulation kernel's second peer: the M/M/1 and M/M/c queues of the SimPy comparison expressed in CloudSim Plus
 * (one datacenter, one host, one VM with a space-shared cloudlet scheduler and c PEs, cloudlets arriving as a
 * Poisson process), and the run that times it against Doppel's kernel on the same customers.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.bench.sim.cloudsim;
