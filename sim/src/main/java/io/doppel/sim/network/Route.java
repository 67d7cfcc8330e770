package io.doppel.sim.network;

/**
 * After leaving node {@code from} (a source or station) a customer goes to station {@code to} with this
 * probability. A station's routes may add up to less than 1: the rest leave the network. A source's add up to 1.
 */
public record Route(String from, String to, double probability) {}
