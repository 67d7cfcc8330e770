package io.doppel.sim.twin;

import io.doppel.sim.dist.ArrivalProcess;

/** A source that is not a twin (a traffic flood): all its requests go to twin {@code target}. */
public record ExtraSource(String id, ArrivalProcess arrivals, String target) {}
