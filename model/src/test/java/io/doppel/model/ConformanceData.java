package io.doppel.model;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the conformance data: {@code shared/data/dtdl-conformance} in the working directory or a parent. */
final class ConformanceData {
  private ConformanceData() {}

  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("shared/data/dtdl-conformance");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("shared/data/dtdl-conformance not found above " + Path.of("").toAbsolutePath());
  }

  static Path target() {
    Path target = Path.of("target");
    if (Files.isDirectory(Path.of("model/target"))) {
      target = Path.of("model/target");
    }
    return target;
  }
}
