package io.doppel.sim.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real topology files in {@code shared/data/topologies}, found by walking up from the working directory. */
public final class Topologies {
  public static final String MISIM_EXAMPLE = "misim-example_architecture.json";
  public static final String MISIM_PAPER = "misim-paper_architecture.json";
  public static final String DEATHSTAR = "deathstarbench-socialNetwork-docker-compose.yml";

  private Topologies() {}

  public static Path path(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/data/topologies").resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no shared/data/topologies/" + name + " above " + Path.of("").toAbsolutePath());
  }

  public static String read(String name) {
    try {
      return Files.readString(path(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
