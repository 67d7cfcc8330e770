package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Replays the curl example of {@code docs/history.md} and checks the answer the page shows. */
class HistoryDocsExampleTest {
  private static final Path PAGE = Path.of("..", "docs", "history.md");

  @Test
  void theCurlExampleOfTheHistoryPageAnswersWhatThePageSays() throws Exception {
    String page = Files.readString(PAGE);
    int example = page.indexOf("### Example (curl)");
    int start = page.indexOf("```sh", example);
    String block = page.substring(start + 5, page.indexOf("```", start + 5));
    List<String> commands = block.lines().filter(l -> l.startsWith("curl ")).toList();
    int json = page.indexOf("```json", start);
    String expected = page.substring(json + 7, page.indexOf("```", json + 7)).strip();
    assertThat(commands).hasSize(6);
    TestServer.test((server, http) -> {
      Http.Response last = null;
      for (String command : commands) {
        last = replay(http, command);
        assertThat(last.status()).as(command + " -> " + last.text()).isBetween(200, 299);
      }
      assertThat(last.json()).isEqualTo(Http.MAPPER.readTree(expected));
    });
  }

  private static Http.Response replay(Http http, String command) {
    Matcher method = Pattern.compile("-X(\\w+)").matcher(command);
    Matcher url = Pattern.compile("localhost:8080([^'\\s]+)").matcher(command);
    Matcher body = Pattern.compile("-d '([^']*)'").matcher(command);
    Matcher header = Pattern.compile("-H '([^:']+): ([^']*)'").matcher(command);
    assertThat(url.find()).as(command).isTrue();
    List<String> headers = new ArrayList<>();
    while (header.find()) {
      if (!header.group(1).equalsIgnoreCase("Content-Type")) {
        headers.add(header.group(1));
        headers.add(header.group(2));
      }
    }
    return http.send(method.find() ? method.group(1) : "GET", url.group(1), body.find() ? body.group(1) : null,
        "application/json", headers.toArray(String[]::new));
  }
}
