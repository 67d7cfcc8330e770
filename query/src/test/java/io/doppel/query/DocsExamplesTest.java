package io.doppel.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code sql} example of docs/query.md against the example graph it describes; where a {@code json}
 * block follows an example, the rows must equal it. {@code sql-invalid} examples must be refused as QUERY_INVALID.
 */
class DocsExamplesTest {
  private static final Pattern BLOCK = Pattern.compile("```(sql|sql-invalid)\\n(.*?)```(\\s*```json\\n(.*?)```)?",
      Pattern.DOTALL);

  private final QueryService queries = new QueryService(Buildings.graph()::open);

  record Example(String kind, String query, String expected, int line) {}

  static List<Example> examples() throws IOException {
    Path doc = Path.of("..", "docs", "query.md");
    String text = Files.readString(doc);
    List<Example> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
      out.add(new Example(m.group(1), m.group(2).trim(), m.group(4), line));
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyExampleInTheQueryDocsRuns() throws IOException {
    List<Example> examples = examples();
    assertThat(examples).hasSizeGreaterThan(40);
    return examples.stream().map(e -> DynamicTest.dynamicTest("query.md line " + e.line(), () -> check(e)));
  }

  private void check(Example e) throws IOException {
    if (e.kind().equals("sql-invalid")) {
      DoppelException error = catchThrowableOfType(DoppelException.class, () -> queries.run(e.query(), null, 100));
      assertThat(error).as(e.query()).isNotNull();
      assertThat(error.code()).isEqualTo(ErrorCode.QUERY_INVALID);
      return;
    }
    ArrayNode rows = MemoryGraph.JSON.createArrayNode();
    QueryPage page = queries.run(e.query(), null, 100);
    rows.addAll(page.value());
    while (page.continuationToken() != null) {
      page = queries.run(e.query(), page.continuationToken(), 100);
      rows.addAll(page.value());
    }
    assertThat(rows.isEmpty() && !e.query().contains("exact")).as("%s returns rows", e.query()).isFalse();
    if (e.expected() != null) {
      JsonNode expected = MemoryGraph.JSON.readTree(e.expected());
      assertThat(expected.equals((a, b) -> a.isNumber() && b.isNumber()
          ? Double.compare(a.doubleValue(), b.doubleValue()) : a.equals(b) ? 0 : 1, rows))
          .as("%s%n returned %s%n expected %s", e.query(), rows, expected).isTrue();
    }
  }
}
