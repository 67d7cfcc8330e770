/**
 * From a twin graph to a queueing network: the simulation-relevant twins and flow relationships of a consistent
 * snapshot, recognised by the co-types of the Doppel simulation context ({@code dtmi:io:doppel:sim;1}), copied
 * into an editable {@link io.doppel.sim.twin.SimGraph} and compiled to a {@link io.doppel.sim.network.Network}.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.sim.twin;
