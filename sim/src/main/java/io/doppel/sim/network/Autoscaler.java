package io.doppel.sim.network;

/**
 * Changes a station's servers between {@code min} and {@code max} toward {@code targetUtilisation}: every
 * {@code interval} it measures the utilisation u of the last interval and asks for {@code ceil(servers * u /
 * target)} servers (the Kubernetes horizontal autoscaler's rule). New servers start serving
 * {@code provisioningDelay} after they are asked for; servers removed finish the customer they hold first.
 */
public record Autoscaler(int min, int max, double targetUtilisation, double interval, double provisioningDelay) {}
