package io.doppel.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs every case of the DTDL conformance suite (shared/data/dtdl-conformance) and reports, per folder and DTDL
 * version, how often the verdict (valid or not) matches and how often the set of error codes matches exactly.
 * Floors sit just below the rates reached so a regression fails the build.
 */
class ConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VERSION_SUFFIX = Pattern.compile("V([234])\\.json$");
  private static final List<String> MODEL_FOLDERS = List.of("specification", "generated", "doc-examples", "solecisms");

  @Test
  void parserMatchesTheConformanceSuite() throws IOException {
    Path root = ConformanceData.root();
    List<ConformanceCase> cases = new ArrayList<>();
    for (String folder : MODEL_FOLDERS) {
      try (Stream<Path> files = Files.list(root.resolve(folder))) {
        for (Path file : files.sorted().toList()) {
          cases.addAll(load(folder, file));
        }
      }
    }
    List<Outcome> outcomes = cases.parallelStream().map(ConformanceTest::run).toList();
    Map<String, Tally> tallies = new TreeMap<>();
    for (Outcome o : outcomes) {
      tallies.computeIfAbsent(o.c().folder() + " v" + o.c().version(), k -> new Tally()).add(o);
      tallies.computeIfAbsent("all v" + o.c().version(), k -> new Tally()).add(o);
      tallies.computeIfAbsent("all", k -> new Tally()).add(o);
    }
    DtmiCases dtmis = DtmiCases.run(root.resolve("dtmis"));
    ConformanceReport.write(tallies, outcomes, dtmis);
    for (int v : List.of(2, 3, 4)) {
      Tally t = tallies.get("all v" + v);
      assertThat(t.verdictRate()).as("verdict rate v" + v).isGreaterThanOrEqualTo(Floors.verdict(v));
      assertThat(t.exactRate()).as("exact error set rate v" + v).isGreaterThanOrEqualTo(Floors.exact(v));
    }
    assertThat(outcomes.stream().filter(o -> o.crash() != null).map(o -> o.c().label() + ": " + o.crash()))
        .as("cases where the parser threw").isEmpty();
  }

  private static List<ConformanceCase> load(String folder, Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    JsonNode node = JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
    String name = file.getFileName().toString();
    List<ConformanceCase> out = new ArrayList<>();
    List<JsonNode> items = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(items::add);
    } else {
      items.add(node);
    }
    for (int i = 0; i < items.size(); i++) {
      out.add(new ConformanceCase(folder, name, i, versionOf(name, items.get(i)), items.get(i)));
    }
    return out;
  }

  private static int versionOf(String name, JsonNode json) {
    Matcher m = VERSION_SUFFIX.matcher(name);
    if (m.find()) {
      return Integer.parseInt(m.group(1));
    }
    String text = json.path("input").toString();
    for (int v = 4; v >= 2; v--) {
      if (text.contains("dtmi:dtdl:context;" + v)) {
        return v;
      }
    }
    return 2;
  }

  private static Outcome run(ConformanceCase c) {
    try {
      ParseResult result = new ModelParser(c.options()).parse(c.documents(), c.resolver());
      return Outcome.of(c, result);
    } catch (RuntimeException | StackOverflowError e) {
      return new Outcome(c, false, false, List.of(), e.toString());
    }
  }
}
