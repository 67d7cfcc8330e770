package io.doppel.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudEventsTest {
  private TwinEngine engine;
  private final List<TwinEvent> seen = new ArrayList<>();

  @BeforeEach
  void open() {
    engine = Plant.engine();
    engine.subscribe(seen::add);
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private JsonNode last() throws Exception {
    StreamEvent e = new CloudEvents().encode(seen.get(seen.size() - 1), engine.catalog());
    JsonNode json = Plant.JSON.readTree(e.json());
    assertThat(json.path("id").asText()).isEqualTo(Long.toString(e.version()));
    return json;
  }

  @Test
  void modelsAddedNameEachModel() throws Exception {
    engine.addModels(List.of("""
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:s:Valve;1", "@type": "Interface",
         "extends": "dtmi:s:Asset;1"}"""));
    JsonNode ce = last();
    assertThat(ce.path("type").asText()).isEqualTo("io.doppel.model.added");
    assertThat(ce.path("source").asText()).isEqualTo("/models");
    assertThat(ce.path("subject").asText()).isEqualTo("dtmi:s:Valve;1");
    assertThat(ce.path("data").path("models").get(0).asText()).isEqualTo("dtmi:s:Valve;1");
  }

  @Test
  void aPatchBecomesACloudEventWithEveryRequiredAttributeAndThePatchAsData() throws Exception {
    Plant.twin(engine, "pump 1", Plant.PUMP);
    Plant.patch(engine, "pump 1", "rpm", 1500);
    JsonNode ce = last();
    assertThat(ce.path("specversion").asText()).isEqualTo("1.0");
    assertThat(ce.path("type").asText()).isEqualTo("io.doppel.twin.patched");
    assertThat(ce.path("source").asText()).isEqualTo("/digitaltwins/pump%201");
    assertThat(ce.path("subject").asText()).isEqualTo("pump 1");
    assertThat(ce.path("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(Instant.parse(ce.path("time").asText())).isEqualTo(seen.get(seen.size() - 1).time());
    assertThat(ce.path("data").path("modelId").asText()).isEqualTo(Plant.PUMP);
    assertThat(ce.path("data").path("patch").toString())
        .isEqualTo("[{\"op\":\"add\",\"path\":\"/rpm\",\"value\":1500.0}]");
  }

  @Test
  void aCreatedTwinCarriesTheTwinAsData() throws Exception {
    Plant.twin(engine, "pump", Plant.PUMP);
    JsonNode ce = last();
    assertThat(ce.path("type").asText()).isEqualTo("io.doppel.twin.created");
    assertThat(ce.path("data").path("$dtId").asText()).isEqualTo("pump");
    assertThat(ce.path("data").path("$metadata").path("$model").asText()).isEqualTo(Plant.PUMP);
  }

  @Test
  void aRelationshipEventNamesItsSourceRelationshipAndTarget() throws Exception {
    Plant.twin(engine, "room", Plant.ROOM);
    Plant.twin(engine, "pump", Plant.PUMP);
    Plant.relate(engine, "room", "r/1", "contains", "pump");
    engine.deleteRelationship("room", "r/1", io.doppel.twin.Precondition.none());
    JsonNode deleted = last();
    assertThat(deleted.path("type").asText()).isEqualTo("io.doppel.relationship.deleted");
    assertThat(deleted.path("source").asText()).isEqualTo("/digitaltwins/room/relationships/r%2F1");
    assertThat(deleted.path("subject").asText()).isEqualTo("room/relationships/r/1");
    assertThat(deleted.path("data").path("$sourceId").asText()).isEqualTo("room");
    assertThat(deleted.path("data").path("$targetId").asText()).isEqualTo("pump");
    assertThat(deleted.path("data").path("$relationshipName").asText()).isEqualTo("contains");
  }
}
