package io.doppel.sim.topology;

import io.doppel.sim.dist.Invalid;

/** The topology files the importer reads. */
public enum TopologyFormat {
  /** A MiSim architecture JSON: microservices with instances, capacity and operations calling each other. */
  MISIM,
  /** A docker-compose file: services, {@code depends_on}, {@code links} and environment hints, no timing data. */
  COMPOSE;

  public static TopologyFormat of(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "misim" -> MISIM;
      case "compose", "docker-compose" -> COMPOSE;
      default -> throw Invalid.field("format", "must be misim or compose, was '" + name + "'");
    };
  }
}
