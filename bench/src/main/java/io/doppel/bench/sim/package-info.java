/** The simulation kernel's speed (JMH) and the side-by-side run against SimPy. */
@org.jspecify.annotations.NullMarked
package io.doppel.bench.sim;
