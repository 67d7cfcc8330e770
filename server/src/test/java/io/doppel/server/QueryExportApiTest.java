package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Query results as CSV (flattened projection columns) and JSON lines, by POST and by URL, over real HTTP. */
class QueryExportApiTest {

  @Test
  void answersEveryRowAsCsvWithFlattenedColumnsAndEscapedCells() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "room-1", 20.5);
      com.fasterxml.jackson.databind.node.ObjectNode room = (com.fasterxml.jackson.databind.node.ObjectNode)
          Http.MAPPER.readTree(Fixtures.room("x", 22));
      room.put("name", "Lab, \"north\"\nwing");
      assertThat(http.put("/digitaltwins/room-2", room.toString()).status()).isEqualTo(200);
      String query = "SELECT T.$dtId, T.name, T.temperature, T.thermostat FROM DIGITALTWINS T "
          + "WHERE IS_OF_MODEL('dtmi:test:Room;1')";
      Http.Response csv = http.post("/query?format=csv", body(query));
      assertThat(csv.status()).as(csv.text()).isEqualTo(200);
      assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
      List<List<String>> rows = CsvRecords.parse(csv.text());
      List<String> header = rows.get(0);
      assertThat(header.subList(0, 3)).containsExactly("$dtId", "name", "temperature");
      assertThat(header).contains("thermostat.setPoint", "thermostat.$metadata.$lastUpdateTime");
      assertThat(rows.get(1).subList(0, 3)).containsExactly("room-1", "room-1", "20.5");
      assertThat(rows.get(1).get(header.indexOf("thermostat.setPoint"))).isEqualTo("21.0");
      assertThat(rows.get(2).subList(0, 3)).containsExactly("room-2", "Lab, \"north\"\nwing", "22.0");
      assertThat(csv.text()).contains("\"Lab, \"\"north\"\"\nwing\"");

      Http.Response byAccept = http.post("/query", body(query), "Accept", "text/csv");
      assertThat(byAccept.text()).isEqualTo(csv.text());
      Http.Response byUrl = http.get("/query?format=csv&query=" + Http.enc(query));
      assertThat(byUrl.text()).isEqualTo(csv.text());
    });
  }

  @Test
  void streamsEveryPageAsJsonLinesAndKeepsTheAdtPageByDefault() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      for (int i = 0; i < 2500; i++) { // more than two pages of the largest page size
        server.engine().putTwin("d-" + i, (com.fasterxml.jackson.databind.node.ObjectNode)
            Http.MAPPER.readTree(Fixtures.device("SN-" + i)), io.doppel.twin.Precondition.none());
      }
      String query = "SELECT T.$dtId, T.serial FROM DIGITALTWINS T WHERE IS_OF_MODEL('dtmi:test:Device;1')";
      Http.Response lines = http.post("/query", body(query), "Accept", "application/x-ndjson");
      assertThat(lines.status()).as(lines.text()).isEqualTo(200);
      List<String> ids = new ArrayList<>();
      for (String line : lines.text().split("\n")) {
        ids.add(Http.MAPPER.readTree(line).path("$dtId").asText());
      }
      assertThat(ids).hasSize(2500).doesNotHaveDuplicates();

      List<List<String>> csv = CsvRecords.parse(http.get("/query?format=csv&query=" + Http.enc(query)).text());
      assertThat(csv).hasSize(2501);

      JsonNode page = http.get("/query?query=" + Http.enc(query) + "&maxItemsPerPage=10").json();
      assertThat(page.path("value")).hasSize(10);
      JsonNode next = http.get("/query?continuationToken=" + Http.enc(page.path("continuationToken").asText())
          + "&maxItemsPerPage=10").json();
      assertThat(next.path("value")).hasSize(10);
      assertThat(next.path("value").get(0).path("$dtId").asText())
          .isNotEqualTo(page.path("value").get(0).path("$dtId").asText());
    });
  }

  @Test
  void refusesABadFormatOrQueryBeforeAnyOutput() throws Exception {
    TestServer.test((server, http) -> {
      HistoryExportApiTest.expect(http.post("/query?format=xls", body("SELECT * FROM DIGITALTWINS")), 400,
          "INVALID_ARGUMENT", "format");
      HistoryExportApiTest.expect(http.get("/query?format=csv"), 400, "INVALID_ARGUMENT", "query");
      Http.Response bad = http.post("/query?format=csv", body("SELECT * FROM DIGITALTWINS WHERE"));
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.errorCode()).isEqualTo("QUERY_INVALID");
    });
  }

  private static String body(String query) {
    return Http.MAPPER.createObjectNode().put("query", query).toString();
  }
}
