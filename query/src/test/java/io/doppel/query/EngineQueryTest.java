package io.doppel.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.Precondition;
import io.doppel.twin.RelationshipView;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Queries over a real {@link TwinEngine}: the same answers as the test graph, and consistent pages under writes. */
class EngineQueryTest {

  /** Loads the example graph of the docs into an in-memory engine, with the same property indexes. */
  private static TwinEngine buildingEngine() {
    TwinEngine engine = TwinEngine.inMemory();
    engine.addModels(Buildings.models());
    MemoryGraph graph = Buildings.graph();
    for (Iterator<String> ids = graph.twinIds("", null); ids.hasNext(); ) {
      TwinView twin = graph.twin(ids.next());
      ObjectNode body = twin.json().deepCopy();
      body.remove("$etag");
      body.set("$metadata", MemoryGraph.JSON.createObjectNode().put("$model", graph.modelOf(twin.id()).value()));
      engine.putTwin(twin.id(), body, Precondition.none());
    }
    for (Iterator<String> ids = graph.twinIds("", null); ids.hasNext(); ) {
      for (RelationshipView rel : graph.outgoing(ids.next(), null)) {
        ObjectNode body = rel.json().deepCopy();
        body.remove(List.of("$etag", "$relationshipId", "$sourceId"));
        engine.putRelationship(rel.sourceId(), rel.id(), body, Precondition.none());
      }
    }
    graph.indexedPaths().forEach(engine::createIndex);
    return engine;
  }

  private static ArrayNode all(QueryService queries, String query) {
    ArrayNode rows = MemoryGraph.JSON.createArrayNode();
    QueryPage page = queries.run(query, null, 2);
    rows.addAll(page.value());
    while (page.continuationToken() != null) {
      page = queries.run(query, page.continuationToken(), 2);
      rows.addAll(page.value());
    }
    return rows;
  }

  /** Drops what legitimately differs between two stores: ETags and update times. */
  private static JsonNode comparable(JsonNode node) {
    JsonNode copy = node.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode o) {
      o.remove("$etag");
      if (o.get("$metadata") instanceof ObjectNode m) {
        m.retain("$model");
      }
      o.remove("changed");
      for (Map.Entry<String, JsonNode> child : o.properties()) {
        strip(child.getValue());
      }
    } else if (node instanceof ArrayNode a) {
      a.forEach(EngineQueryTest::strip);
    }
  }

  @Test
  void answersEveryDocsExampleAsTheReferenceGraphDoes() throws Exception {
    try (TwinEngine engine = buildingEngine();
        QueryService onEngine = new QueryService(engine::snapshot);
        QueryService onGraph = new QueryService(Buildings.graph()::open)) {
      int compared = 0;
      for (DocsExamplesTest.Example e : DocsExamplesTest.examples()) {
        if (e.kind().equals("sql") && !e.query().startsWith("EXPLAIN")) {
          assertThat(comparable(all(onEngine, e.query()))).as(e.query())
              .isEqualTo(comparable(all(onGraph, e.query())));
          compared++;
        }
      }
      assertThat(compared).isGreaterThan(35);
      assertThat(onEngine.explain("SELECT * FROM DIGITALTWINS WHERE temperature > 25").at("/start/access").asText())
          .isEqualTo("propertyIndex");
    }
  }

  @Test
  void pagesSeeOneSnapshotWhileWritesContinueOnAnotherThread() throws Exception {
    try (TwinEngine engine = TwinEngine.inMemory()) {
      engine.addModels(Buildings.models());
      int rooms = 300;
      for (int i = 0; i < rooms; i++) {
        engine.putTwin(String.format("room-%04d", i), MemoryGraph.JSON.createObjectNode()
            .put("temperature", 20.0).set("$metadata", MemoryGraph.JSON.createObjectNode().put("$model",
                Buildings.ROOM)), Precondition.none());
      }
      engine.createIndex("temperature");
      QueryService queries = new QueryService(engine::snapshot);
      String query = "SELECT T.$dtId, T.temperature FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:com:example:Room;1')";
      QueryPage page = queries.run(query, null, 25);

      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger writes = new AtomicInteger();
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        int n = 0;
        while (!stop.get()) {
          String id = String.format("room-%04d", n % rooms);
          engine.patchTwin(id, MemoryGraph.JSON.createArrayNode()
              .add(MemoryGraph.JSON.createObjectNode().put("op", "replace").put("path", "/temperature")
                  .put("value", 99.0)), Precondition.none());
          engine.putTwin("new-" + n, MemoryGraph.JSON.createObjectNode().set("$metadata",
              MemoryGraph.JSON.createObjectNode().put("$model", Buildings.ROOM)), Precondition.none());
          writes.incrementAndGet();
          n++;
        }
      });
      List<JsonNode> rows = new ArrayList<>(page.value());
      try {
        while (page.continuationToken() != null) {
          while (writes.get() < rows.size() / 2) {
            Thread.onSpinWait(); // let the writer get ahead of the reader
          }
          page = queries.run(query, page.continuationToken(), 25);
          rows.addAll(page.value());
        }
      } finally {
        stop.set(true);
        writer.get(30, TimeUnit.SECONDS);
      }
      assertThat(writes.get()).isGreaterThan(100);
      Set<String> ids = new HashSet<>();
      rows.forEach(r -> ids.add(r.get("$dtId").asText()));
      assertThat(rows).hasSize(rooms);
      assertThat(ids).hasSize(rooms).allMatch(id -> id.startsWith("room-"));
      assertThat(rows).allSatisfy(r -> assertThat(r.get("temperature").asDouble()).isEqualTo(20.0));
      // a new query sees the writes
      assertThat(all(queries, "SELECT COUNT() FROM DIGITALTWINS WHERE temperature = 99").get(0).get("COUNT").asInt())
          .isGreaterThan(0);
      queries.close();
    }
  }
}
