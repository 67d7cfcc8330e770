package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Replays the curl example of {@code docs/api.md} against a real server, so the page cannot rot. */
class DocsExampleTest {
  private static final Path PAGE = Path.of("..", "docs", "api.md");

  @Test
  void theCurlExampleOfTheApiPageWorks() throws Exception {
    String page = Files.readString(PAGE);
    int start = page.indexOf("```sh", page.indexOf("## Example (curl)"));
    String block = page.substring(start + 5, page.indexOf("```", start + 5));
    List<String> commands = new ArrayList<>();
    for (String line : block.split("\n")) {
      if (line.startsWith("curl ")) {
        commands.add(line);
      } else if (!commands.isEmpty()) {
        commands.set(commands.size() - 1, commands.getLast() + "\n" + line);
      }
    }
    assertThat(commands).hasSize(4);
    TestServer.test((server, http) -> {
      Http.Response last = null;
      for (String command : commands) {
        last = replay(http, command);
        assertThat(last.status()).as(command + " -> " + last.text()).isBetween(200, 299);
      }
      assertThat(last.json().path("temperature").asDouble()).isEqualTo(22.0);
      assertThat(last.etag()).isNotBlank();
    });
  }

  private static Http.Response replay(Http http, String command) {
    Matcher method = Pattern.compile("-X(\\w+)").matcher(command);
    Matcher url = Pattern.compile("localhost:8080(\\S+)").matcher(command);
    Matcher body = Pattern.compile("-d '([^']*)'", Pattern.DOTALL).matcher(command);
    Matcher header = Pattern.compile("-H '([^:']+): ([^']*)'").matcher(command);
    assertThat(url.find()).as(command).isTrue();
    List<String> headers = new ArrayList<>();
    String contentType = "application/json";
    while (header.find()) {
      if (header.group(1).equalsIgnoreCase("Content-Type")) {
        contentType = header.group(2);
      } else {
        headers.add(header.group(1));
        headers.add(header.group(2));
      }
    }
    return http.send(method.find() ? method.group(1) : "GET", url.group(1), body.find() ? body.group(1) : null,
        contentType, headers.toArray(String[]::new));
  }
}
