package io.doppel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A request body (or query text) given as {@code -} (stdin), inline, or a file path. */
final class Bodies {
  private Bodies() {}

  static JsonNode read(String argument, InputStream stdin) {
    String trimmed = argument.strip();
    String text;
    String origin;
    if (trimmed.equals("-")) {
      text = readStdin(stdin);
      origin = "stdin";
    } else if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      text = trimmed;
      origin = "the inline argument";
    } else {
      text = readFile(Path.of(argument));
      origin = argument;
    }
    return parse(text, origin);
  }

  /** Text (a query): {@code -} for stdin, the path of an existing file, or else the argument itself. */
  static String readText(String argument, InputStream stdin) {
    if (argument.strip().equals("-")) {
      return readStdin(stdin);
    }
    String trimmed = argument.strip();
    if (!trimmed.isEmpty() && trimmed.indexOf(' ') < 0) {
      try {
        Path file = Path.of(trimmed);
        if (Files.isRegularFile(file)) {
          return readFile(file);
        }
      } catch (java.nio.file.InvalidPathException e) {
        // not a path: the argument is the text itself
      }
    }
    return argument;
  }

  static JsonNode parse(String text, String origin) {
    try {
      JsonNode node = ApiClient.MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new CliFailure(CliFailure.BAD_INPUT, origin + " holds no JSON");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new CliFailure(CliFailure.BAD_INPUT, origin + " is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
    }
  }

  static String readFile(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliFailure(CliFailure.BAD_INPUT, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String readStdin(InputStream stdin) {
    try {
      return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliFailure(CliFailure.BAD_INPUT, "cannot read stdin: " + e.getMessage(), e);
    }
  }
}
