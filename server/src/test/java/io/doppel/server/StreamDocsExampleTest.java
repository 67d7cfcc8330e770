package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Replays the curl example of {@code docs/streams.md} and checks the event it shows has the shape we send. */
class StreamDocsExampleTest {
  private static final Path PAGE = Path.of("..", "docs", "streams.md");

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void theCurlExampleOfTheStreamsPageGetsTheEventItShows() throws Exception {
    String page = Files.readString(PAGE);
    Matcher curl = Pattern.compile("curl -N -H 'Accept: text/event-stream' 'localhost:8080(/events\\?[^']+)'")
        .matcher(page);
    assertThat(curl.find()).isTrue();
    Matcher shown = Pattern.compile("\ndata: (\\{.*})\n").matcher(page);
    assertThat(shown.find()).isTrue();
    JsonNode documented = Http.MAPPER.readTree(shown.group(1));
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "room-1", 21);
      try (SseClient sse = SseClient.connect(server.baseUri(), curl.group(1))) {
        assertThat(http.patch("/digitaltwins/room-1", "[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":22}]")
            .status()).isEqualTo(204);
        SseClient.Event event = sse.take(1).get(0);
        JsonNode got = Http.MAPPER.readTree(event.data());
        assertThat(names(got)).isEqualTo(names(documented));
        assertThat(names(got.path("data"))).isEqualTo(names(documented.path("data")));
        for (String same : List.of("specversion", "source", "type", "subject", "datacontenttype")) {
          assertThat(got.path(same)).as(same).isEqualTo(documented.path(same));
        }
        assertThat(got.path("data").path("patch")).isEqualTo(documented.path("data").path("patch"));
        assertThat(event.id()).isEqualTo(got.path("id").asText());
      }
    });
  }
}
