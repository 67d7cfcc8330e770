package io.doppel.sim.topology;

import io.doppel.sim.dist.Invalid;

/**
 * Reads a topology file into a {@link TopologyDocument}. A file is imported whole or not at all: every rejection
 * ({@code INVALID_ARGUMENT}, detail {@code SIM_MODEL_INVALID}) names the field path or the line and column, and
 * the document that comes out has been compiled by the simulation.
 */
public final class TopologyImport {
  /** Topology files larger than this are not architecture descriptions. */
  public static final int MAX_CHARS = 4 * 1024 * 1024;

  private TopologyImport() {}

  public static TopologyDocument read(TopologyFormat format, String text, ImportOptions options) {
    if (text.length() > MAX_CHARS) {
      throw Invalid.field("(file)", "is larger than " + MAX_CHARS + " characters");
    }
    return switch (format) {
      case MISIM -> MisimImporter.read(text, options);
      case COMPOSE -> ComposeImporter.read(text, options);
    };
  }
}
