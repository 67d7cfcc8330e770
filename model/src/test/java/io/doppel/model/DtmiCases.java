package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The {@code dtmis} folder: DTMI syntax cases, checked against {@link Dtmi#isValid} (fragments aside). */
record DtmiCases(int cases, int passed, List<String> failures) {

  static DtmiCases run(Path folder) throws IOException {
    ObjectMapper json = new ObjectMapper();
    int cases = 0;
    int passed = 0;
    List<String> failures = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        JsonNode node = json.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
          node.forEach(items::add);
        } else {
          items.add(node);
        }
        for (JsonNode c : items) {
          cases++;
          String id = c.path("idText").asText();
          int hash = id.indexOf('#');
          boolean valid = Dtmi.isValid(hash < 0 ? id : id.substring(0, hash))
              && (hash < 0 || id.substring(hash + 1).matches("(?:(?:_+[A-Za-z0-9]|[A-Za-z])(?:[A-Za-z0-9_]*[A-Za-z0-9])?)?"));
          if (valid == c.path("valid").asBoolean()) {
            passed++;
          } else {
            failures.add(file.getFileName() + ": " + id);
          }
        }
      }
    }
    return new DtmiCases(cases, passed, failures);
  }
}
