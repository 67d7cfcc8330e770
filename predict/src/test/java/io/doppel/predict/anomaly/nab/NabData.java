package io.doppel.predict.anomaly.nab;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the NAB subset: {@code -Ddoppel.nab.dir}, else {@code shared/data/nab} in the nearest enclosing directory. */
public final class NabData {

  private NabData() {}

  public static Path root() {
    String configured = System.getProperty("doppel.nab.dir");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/data/nab");
      if (Files.isDirectory(candidate.resolve("data"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("NAB data not found: set -Ddoppel.nab.dir=<dir with data/, labels/, results/>");
  }
}
