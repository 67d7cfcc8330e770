package io.doppel.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Where a command's answer goes: {@code --output <file>} (created or replaced), else standard output. */
final class OutputTarget {
  /** Writes into the target. */
  @FunctionalInterface
  interface Body {
    void writeTo(Writer out);
  }

  private OutputTarget() {}

  static void write(@Nullable Path file, PrintWriter stdout, Body body) {
    if (file == null) {
      body.writeTo(stdout);
      stdout.flush();
      return;
    }
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      body.writeTo(out);
    } catch (IOException e) {
      throw new CliFailure(CliFailure.BAD_INPUT, "--output: cannot write " + file + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new CliFailure(CliFailure.BAD_INPUT, "--output: cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
