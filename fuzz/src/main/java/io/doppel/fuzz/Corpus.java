package io.doppel.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds seed files by a path relative to the working directory or one of its parents (tests run in a module's
 * folder, the data sits beside the repository or in another module), and fails when they are missing: a seed
 * corpus that silently vanished would make a mutation fuzzer test almost nothing.
 */
public final class Corpus {
  private Corpus() {}

  /** The first {@code relative} path that exists in the working directory or above it. */
  public static Path find(String relative) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve(relative);
      if (Files.exists(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(relative + " not found in " + Path.of("").toAbsolutePath() + " or above");
  }

  /** The text of every regular file under {@code dir} whose name ends with {@code suffix}, in path order. */
  public static List<String> texts(Path dir, String suffix) {
    try (Stream<Path> files = Files.walk(dir)) {
      List<String> out = new ArrayList<>();
      for (Path file : files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(suffix))
          .sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        out.add(text.startsWith("\uFEFF") ? text.substring(1) : text);
      }
      if (out.isEmpty()) {
        throw new IllegalStateException("no *" + suffix + " files under " + dir);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
