package io.doppel.twin;

import static io.doppel.twin.Fixtures.patch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import io.doppel.twin.spi.TwinStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RelationshipsAndModelsTest {
  private final TwinStore store = TwinStore.inMemory();
  private TwinEngine engine;

  @BeforeEach
  void open() {
    engine = TwinEngine.open(store);
    engine.addModels(Fixtures.models());
    engine.putTwin("room", Fixtures.room(20), Precondition.none());
    engine.putTwin("dev", Fixtures.device(Fixtures.DEVICE), Precondition.none());
    engine.putTwin("smart", Fixtures.device(Fixtures.SMART_DEVICE), Precondition.none());
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void theLinksVersionMovesWhenTwinsOrRelationshipsComeAndGoButNotOnPatches() {
    long start = engine.linksVersion();
    engine.patchTwin("room", patch("[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":3}]"),
        Precondition.none());
    assertThat(engine.linksVersion()).isEqualTo(start).isLessThan(engine.version());
    engine.putRelationship("room", "r1", Fixtures.relationship("contains", "dev"), Precondition.none());
    long linked = engine.linksVersion();
    assertThat(linked).isEqualTo(engine.version());
    try (GraphSnapshot snapshot = engine.snapshot()) {
      assertThat(snapshot.linksVersion()).isEqualTo(linked);
      engine.deleteRelationship("room", "r1", Precondition.none());
      assertThat(snapshot.linksVersion()).isEqualTo(linked); // the snapshot keeps what it saw
    }
    assertThat(engine.linksVersion()).isGreaterThan(linked);
    long unlinked = engine.linksVersion();
    engine.deleteTwin("smart", Precondition.none());
    assertThat(engine.linksVersion()).isGreaterThan(unlinked);
  }

  @Test
  void relationshipTargetMayBeASubtypeButNotAnotherModel() {
    ObjectNode body = Fixtures.relationship("contains", "smart");
    body.put("since", "2024-01-01T00:00:00Z");
    RelationshipView rel = engine.putRelationship("room", "r1", body, Precondition.none());
    assertThat(rel.json().get("$relationshipId").asText()).isEqualTo("r1");
    assertThat(rel.json().get("$sourceId").asText()).isEqualTo("room");
    assertThat(rel.json().get("since").asText()).isEqualTo("2024-01-01T00:00:00Z");
    DoppelException e = Errors.expect(ErrorCode.VALIDATION_FAILED, () -> engine.putRelationship("room", "r2",
        Fixtures.relationship("contains", "room"), Precondition.none()));
    assertThat(e.details().get(0).target()).isEqualTo("/$targetId");
  }

  @Test
  void relationshipNameMustBeOnTheSourceModel() {
    DoppelException e = Errors.expect(ErrorCode.VALIDATION_FAILED, () -> engine.putRelationship("room", "r1",
        Fixtures.relationship("owns", "dev"), Precondition.none()));
    assertThat(e.details().get(0).target()).isEqualTo("/$relationshipName");
    Errors.expect(ErrorCode.RELATIONSHIP_TARGET_NOT_FOUND, () -> engine.putRelationship("room", "r1",
        Fixtures.relationship("contains", "ghost"), Precondition.none()));
    Errors.expect(ErrorCode.TWIN_NOT_FOUND, () -> engine.putRelationship("ghost", "r1",
        Fixtures.relationship("contains", "dev"), Precondition.none()));
  }

  @Test
  void relationshipPropertiesAreValidated() {
    ObjectNode body = Fixtures.relationship("contains", "dev");
    body.put("since", "not a time");
    body.put("colour", "red");
    DoppelException e = Errors.expect(ErrorCode.VALIDATION_FAILED,
        () -> engine.putRelationship("room", "r1", body, Precondition.none()));
    assertThat(e.details()).extracting(DoppelException.Detail::target).containsExactlyInAnyOrder("/since", "/colour");
  }

  @Test
  void maxMultiplicityIsEnforced() {
    engine.putTwin("dev2", Fixtures.device(Fixtures.DEVICE), Precondition.none());
    engine.putRelationship("room", "a", Fixtures.relationship("contains", "dev"), Precondition.none());
    engine.putRelationship("room", "b", Fixtures.relationship("contains", "dev2"), Precondition.none());
    engine.putRelationship("room", "b", Fixtures.relationship("contains", "smart"), Precondition.none());
    DoppelException e = Errors.expect(ErrorCode.VALIDATION_FAILED, () -> engine.putRelationship("room", "c",
        Fixtures.relationship("contains", "smart"), Precondition.none()));
    assertThat(e.details().get(0).code()).isEqualTo("maxMultiplicityExceeded");
  }

  @Test
  void twinWithRelationshipsCannotBeDeleted() {
    engine.putRelationship("room", "r1", Fixtures.relationship("near", "dev"), Precondition.none());
    Errors.expect(ErrorCode.TWIN_HAS_RELATIONSHIPS, () -> engine.deleteTwin("room", Precondition.none()));
    Errors.expect(ErrorCode.TWIN_HAS_RELATIONSHIPS, () -> engine.deleteTwin("dev", Precondition.none()));
    engine.deleteRelationship("room", "r1", Precondition.none());
    engine.deleteTwin("dev", Precondition.none());
    Errors.expect(ErrorCode.RELATIONSHIP_NOT_FOUND, () -> engine.getRelationship("room", "r1"));
  }

  @Test
  void relationshipsArePatchedAndListed() {
    engine.putRelationship("room", "r1", Fixtures.relationship("contains", "dev"), Precondition.none());
    engine.putRelationship("room", "r2", Fixtures.relationship("near", "dev"), Precondition.none());
    engine.putRelationship("room", "r3", Fixtures.relationship("near", "smart"), Precondition.none());
    RelationshipView patched = engine.patchRelationship("room", "r1",
        patch("[{\"op\":\"add\",\"path\":\"/since\",\"value\":\"2024-05-01T00:00:00Z\"}]"), Precondition.none());
    assertThat(patched.json().get("since").asText()).startsWith("2024-05-01");
    Errors.expect(ErrorCode.PATCH_INVALID, () -> engine.patchRelationship("room", "r1",
        patch("[{\"op\":\"replace\",\"path\":\"/$targetId\",\"value\":\"smart\"}]"), Precondition.none()));
    Errors.expect(ErrorCode.VALIDATION_FAILED, () -> engine.patchRelationship("room", "r1",
        patch("[{\"op\":\"add\",\"path\":\"/since\",\"value\":5}]"), Precondition.none()));

    Page<RelationshipView> near = engine.listRelationships("room", "near", null, 10);
    assertThat(near.items()).extracting(RelationshipView::id).containsExactly("r2", "r3");
    Page<RelationshipView> first = engine.listRelationships("room", null, null, 2);
    Page<RelationshipView> rest = engine.listRelationships("room", null, first.continuation(), 2);
    assertThat(first.items()).extracting(RelationshipView::id).containsExactly("r1", "r2");
    assertThat(rest.items()).extracting(RelationshipView::id).containsExactly("r3");
    assertThat(rest.continuation()).isNull();
    List<IncomingRelationship> incoming = engine.listIncomingRelationships("dev", null, 10).items();
    assertThat(incoming).extracting(IncomingRelationship::relationshipId).containsExactly("r1", "r2");
    assertThat(incoming.get(0).relationshipLink()).isEqualTo("/digitaltwins/room/relationships/r1");
  }

  @Test
  void invalidModelBatchIsRefusedWholeWithParserDetails() {
    DoppelException e = Errors.expect(ErrorCode.MODEL_INVALID, () -> engine.addModels(List.of("""
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:test:Ok;1", "@type": "Interface", "contents": []}""",
        """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:test:Bad;1", "@type": "Interface",
         "contents": [{"@type": "Property", "name": "x", "schema": "nonsense"}]}""")));
    assertThat(e.details()).isNotEmpty();
    assertThat(e.details().get(0).target()).contains("dtmi:test:Bad");
    Errors.expect(ErrorCode.MODEL_NOT_FOUND, () -> engine.getModel(new Dtmi("dtmi:test:Ok;1")));
  }

  @Test
  void duplicateModelIsRefused() {
    Errors.expect(ErrorCode.MODEL_ALREADY_EXISTS, () -> engine.addModels(List.of(Fixtures.models().get(0))));
  }

  @Test
  void modelReferencedByAnotherCannotBeDeletedButOneWithTwinsCan() {
    Errors.expect(ErrorCode.MODEL_IN_USE, () -> engine.deleteModel(new Dtmi(Fixtures.DEVICE)));
    Errors.expect(ErrorCode.MODEL_IN_USE, () -> engine.deleteModel(new Dtmi(Fixtures.THERMOSTAT)));
    engine.deleteModel(new Dtmi(Fixtures.SMART_DEVICE));
    assertThat(engine.listModels()).extracting(m -> m.model().id().value()).doesNotContain(Fixtures.SMART_DEVICE);
    assertThat(engine.getTwin("smart").json().at("/$metadata/$model").asText()).isEqualTo(Fixtures.SMART_DEVICE);
    Errors.expect(ErrorCode.MODEL_NOT_FOUND, () -> engine.deleteModel(new Dtmi(Fixtures.SMART_DEVICE)));
  }

  @Test
  void reopeningTheStoreRestoresEverything() {
    engine.putRelationship("room", "r1", Fixtures.relationship("contains", "dev"), Precondition.none());
    engine.deleteModel(new Dtmi(Fixtures.SMART_DEVICE));
    long version = engine.version();
    TwinView room = engine.getTwin("room");
    engine.close();
    engine = TwinEngine.open(store);
    assertThat(engine.version()).isEqualTo(version);
    assertThat(engine.getTwin("room")).isEqualTo(room);
    assertThat(engine.listModels()).hasSize(4);
    assertThat(engine.getRelationship("room", "r1").targetId()).isEqualTo("dev");
    assertThat(engine.twinCount()).isEqualTo(3);
  }

  @Test
  void eventsArriveInVersionOrderAfterEachWrite() throws Exception {
    List<TwinEvent> events = new ArrayList<>();
    try (AutoCloseable subscription = engine.subscribe(events::add)) {
      TwinView t = engine.patchTwin("room", patch("[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":3}]"),
          Precondition.none());
      engine.putRelationship("room", "r1", Fixtures.relationship("near", "dev"), Precondition.none());
      engine.deleteRelationship("room", "r1", Precondition.none());
      engine.deleteTwin("dev", Precondition.none());
      assertThat(events).hasSize(4);
      assertThat(events.get(0)).isInstanceOfSatisfying(TwinEvent.TwinPatched.class, p -> {
        assertThat(p.version()).isEqualTo(t.version());
        assertThat(p.patch().get(0).get("path").asText()).isEqualTo("/temperature");
      });
      assertThat(events.get(1)).isInstanceOf(TwinEvent.RelationshipCreated.class);
      assertThat(events.get(2)).isInstanceOf(TwinEvent.RelationshipDeleted.class);
      assertThat(events.get(3)).isInstanceOf(TwinEvent.TwinDeleted.class);
      assertThat(events).extracting(TwinEvent::version).isSorted().doesNotHaveDuplicates();
      assertThat(engine.version()).isEqualTo(events.get(3).version());
    }
    engine.patchTwin("room", patch("[]"), Precondition.none());
    assertThat(events).hasSize(4);
  }

  @Test
  void batchListenersGetEachBatchOnceInOrderBeforeTheWritesAreAnswered() throws Exception {
    List<TwinEvent> single = new ArrayList<>();
    List<List<TwinEvent>> batches = new ArrayList<>();
    engine.subscribe(single::add);
    try (AutoCloseable subscription = engine.subscribeBatches(batches::add)) {
      List<java.util.concurrent.CompletableFuture<TwinView>> writes = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        writes.add(engine.patchTwinAsync("room",
            patch("[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":" + i + "}]"), Precondition.none()));
      }
      long answered = writes.get(199).get().version();
      // Answered means published: the batch holding the last write has already reached the listener.
      List<TwinEvent> flat = batches.stream().flatMap(List::stream).toList();
      assertThat(flat).isEqualTo(single);
      assertThat(flat).hasSize(200);
      assertThat(flat.get(199).version()).isEqualTo(answered);
      for (int i = 1; i < flat.size(); i++) {
        assertThat(flat.get(i).version()).isGreaterThan(flat.get(i - 1).version());
      }
      assertThat(batches).allSatisfy(b -> assertThat(b).isNotEmpty());
    }
    engine.patchTwin("room", patch("[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":1}]"),
        Precondition.none());
    assertThat(batches.stream().mapToInt(List::size).sum()).as("closed: no more batches").isEqualTo(200);
  }

  @Test
  void componentPatchEventIsRootedAtTheTwin() {
    List<TwinEvent> events = new ArrayList<>();
    engine.subscribe(events::add);
    engine.patchComponent("room", "thermostat", patch("[{\"op\":\"replace\",\"path\":\"/setpoint\",\"value\":3}]"),
        Precondition.none());
    assertThat(((TwinEvent.TwinPatched) events.get(0)).patch().get(0).get("path").asText())
        .isEqualTo("/thermostat/setpoint");
  }
}
