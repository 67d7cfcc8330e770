/**
 * Imports real microservice topologies (MiSim architecture files, docker-compose files) into twin graphs that
 * are runnable simulations: generated models annotated with the Doppel simulation context, one service twin per
 * microservice, and flow relationships with call probabilities, in the shape of a pack's models.json and
 * graph.json.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.sim.topology;
