package io.doppel.twin;

import static io.doppel.twin.Fixtures.json;
import static io.doppel.twin.Fixtures.patch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwinWritesTest {
  private TwinEngine engine;

  @BeforeEach
  void open() {
    engine = TwinEngine.inMemory();
    engine.addModels(Fixtures.models());
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void createdTwinHasAdtShapeWithPerPropertyMetadata() {
    TwinView twin = engine.putTwin("room-1", Fixtures.room(20), Precondition.none());
    ObjectNode json = twin.json();
    assertThat(json.get("$dtId").asText()).isEqualTo("room-1");
    assertThat(json.get("$etag").asText()).isEqualTo(twin.etag()).startsWith("W/\"");
    assertThat(json.at("/$metadata/$model").asText()).isEqualTo(Fixtures.ROOM);
    assertThat(json.at("/$metadata/temperature/lastUpdateTime").asText()).isNotEmpty();
    assertThat(json.at("/thermostat/$metadata/setpoint/lastUpdateTime").asText()).isNotEmpty();
    assertThat(engine.getTwin("room-1").json()).isEqualTo(json);
    assertThat(engine.twinCount()).isEqualTo(1);
  }

  @Test
  void patchKeepsTheTimeOfUntouchedProperties() {
    TwinView created = engine.putTwin("room-1", Fixtures.room(20), Precondition.none());
    TwinView patched = engine.patchTwin("room-1",
        patch("[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":25.5}]"), Precondition.none());
    assertThat(patched.json().get("temperature").asDouble()).isEqualTo(25.5);
    assertThat(patched.json().at("/$metadata/name")).isEqualTo(created.json().at("/$metadata/name"));
    assertThat(patched.version()).isGreaterThan(created.version());
    assertThat(patched.etag()).isNotEqualTo(created.etag());
  }

  @Test
  void rejectsUnknownPropertyNamingItsPath() {
    ObjectNode body = Fixtures.room(20);
    body.put("colour", "red");
    DoppelException e = Errors.expect(ErrorCode.VALIDATION_FAILED,
        () -> engine.putTwin("room-1", body, Precondition.none()));
    assertThat(e.details()).extracting(DoppelException.Detail::target).containsExactly("/colour");
  }

  @Test
  void rejectsTelemetryAndRelationshipNamesAsProperties() {
    ObjectNode body = Fixtures.room(20);
    body.put("humidity", 40.0);
    body.put("contains", "x");
    DoppelException e = Errors.expect(ErrorCode.VALIDATION_FAILED,
        () -> engine.putTwin("room-1", body, Precondition.none()));
    assertThat(e.details()).extracting(DoppelException.Detail::code).containsOnly("notAProperty");
  }

  @Test
  void rejectsCreateWithoutItsComponents() {
    ObjectNode body = Fixtures.room(20);
    body.remove("thermostat");
    DoppelException e = Errors.expect(ErrorCode.VALIDATION_FAILED,
        () -> engine.putTwin("room-1", body, Precondition.none()));
    assertThat(e.details()).extracting(DoppelException.Detail::target).containsExactly("/thermostat");
  }

  @Test
  void rejectsPatchThatBreaksSchemaNamingNestedPath() {
    engine.putTwin("room-1", Fixtures.room(20), Precondition.none());
    TwinView before = engine.getTwin("room-1");
    DoppelException e = Errors.expect(ErrorCode.VALIDATION_FAILED, () -> engine.patchTwin("room-1",
        patch("[{\"op\":\"add\",\"path\":\"/address\",\"value\":{\"city\":7,\"zip\":1}},"
            + "{\"op\":\"add\",\"path\":\"/occupancy\",\"value\":3000000000}]"), Precondition.none()));
    assertThat(e.details()).extracting(DoppelException.Detail::target)
        .containsExactlyInAnyOrder("/address/city", "/occupancy");
    assertThat(engine.getTwin("room-1")).isEqualTo(before);
  }

  @Test
  void acceptsEveryPropertyKindWhenWellFormed() {
    ObjectNode body = json("""
        {"$metadata": {"$model": "dtmi:test:Room;1"}, "thermostat": {"$metadata": {}},
         "temperature": 1, "name": "n", "occupancy": -5, "level": 9007199254740993,
         "opened": "2024-02-29", "lastSeen": "2024-01-01T10:00:00.5+01:00", "cleaning": "PT1H30M",
         "wakeUp": "07:30:00", "location": {"type": "Point", "coordinates": [4.9, 52.3]},
         "tags": {"a": "b"}, "readings": [1, 2.5], "address": {"city": "Delft"}, "status": "open"}""");
    TwinView twin = engine.putTwin("room-1", body, Precondition.none());
    assertThat(twin.json().get("cleaning").asText()).isEqualTo("PT1H30M");
  }

  @Test
  void rejectsMalformedFormatsAndEnumValues() {
    ObjectNode body = json("""
        {"$metadata": {"$model": "dtmi:test:Room;1"}, "thermostat": {"$metadata": {}, "setpoint": "hot"},
         "opened": "2023-02-29", "lastSeen": "yesterday", "cleaning": "1 hour", "wakeUp": "25:00:00",
         "location": {"type": "Point", "coordinates": [1]}, "tags": {"a": 1}, "readings": [true],
         "status": "ajar"}""");
    DoppelException e = Errors.expect(ErrorCode.VALIDATION_FAILED,
        () -> engine.putTwin("room-1", body, Precondition.none()));
    assertThat(e.details()).extracting(DoppelException.Detail::target).containsExactlyInAnyOrder(
        "/thermostat/setpoint", "/opened", "/lastSeen", "/cleaning", "/wakeUp", "/location", "/tags/a",
        "/readings/0", "/status");
  }

  @Test
  void createOnlyFailsWhenTheTwinExists() {
    engine.putTwin("room-1", Fixtures.room(20), Precondition.none());
    Errors.expect(ErrorCode.PRECONDITION_FAILED,
        () -> engine.putTwin("room-1", Fixtures.room(21), Precondition.createOnly()));
  }

  @Test
  void ifMatchMustMatchTheCurrentEtag() {
    TwinView created = engine.putTwin("room-1", Fixtures.room(20), Precondition.none());
    engine.patchTwin("room-1", patch("[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":1}]"),
        Precondition.ifMatch(created.etag()));
    Errors.expect(ErrorCode.PRECONDITION_FAILED, () -> engine.patchTwin("room-1",
        patch("[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":2}]"), Precondition.ifMatch(created.etag())));
    engine.deleteTwin("room-1", Precondition.ifMatch("*"));
    Errors.expect(ErrorCode.PRECONDITION_FAILED,
        () -> engine.putTwin("room-1", Fixtures.room(20), Precondition.ifMatch("*")));
  }

  @Test
  void refusesToPatchSystemMembers() {
    engine.putTwin("room-1", Fixtures.room(20), Precondition.none());
    DoppelException e = Errors.expect(ErrorCode.PATCH_INVALID, () -> engine.patchTwin("room-1",
        patch("[{\"op\":\"add\",\"path\":\"/name\",\"value\":\"x\"},{\"op\":\"remove\",\"path\":\"/$metadata\"}]"),
        Precondition.none()));
    assertThat(e.details().get(0).target()).isEqualTo("/$metadata");
    assertThat(e.getMessage()).contains("operation 1");
    Errors.expect(ErrorCode.PATCH_INVALID, () -> engine.patchTwin("room-1",
        patch("[{\"op\":\"replace\",\"path\":\"/$dtId\",\"value\":\"other\"}]"), Precondition.none()));
  }

  @Test
  void failedTestOperationChangesNothing() {
    TwinView before = engine.putTwin("room-1", Fixtures.room(20), Precondition.none());
    DoppelException e = Errors.expect(ErrorCode.PATCH_INVALID, () -> engine.patchTwin("room-1",
        patch("[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":5},"
            + "{\"op\":\"test\",\"path\":\"/name\",\"value\":\"kitchen\"}]"), Precondition.none()));
    assertThat(e.details().get(0).target()).isEqualTo("/name");
    assertThat(engine.getTwin("room-1")).isEqualTo(before);
    assertThat(engine.version()).isEqualTo(before.version());
  }

  @Test
  void patchCanChangeTheModelAsAdtAllows() {
    engine.putTwin("dev-1", Fixtures.device(Fixtures.DEVICE), Precondition.none());
    TwinView patched = engine.patchTwin("dev-1", patch("[{\"op\":\"replace\",\"path\":\"/$metadata/$model\","
        + "\"value\":\"dtmi:test:SmartDevice;1\"},{\"op\":\"add\",\"path\":\"/firmware\",\"value\":\"1.2\"}]"),
        Precondition.none());
    assertThat(patched.json().at("/$metadata/$model").asText()).isEqualTo(Fixtures.SMART_DEVICE);
  }

  @Test
  void componentsAreReadAndPatchedOnTheirOwn() {
    engine.putTwin("room-1", Fixtures.room(20), Precondition.none());
    assertThat(engine.getComponent("room-1", "thermostat").get("setpoint").asDouble()).isEqualTo(21.5);
    TwinView patched = engine.patchComponent("room-1", "thermostat",
        patch("[{\"op\":\"replace\",\"path\":\"/setpoint\",\"value\":19}]"), Precondition.none());
    assertThat(patched.json().at("/thermostat/setpoint").asInt()).isEqualTo(19);
    Errors.expect(ErrorCode.VALIDATION_FAILED, () -> engine.patchComponent("room-1", "thermostat",
        patch("[{\"op\":\"add\",\"path\":\"/temperature\",\"value\":19}]"), Precondition.none()));
    Errors.expect(ErrorCode.PATCH_INVALID, () -> engine.patchComponent("room-1", "thermostat",
        patch("[{\"op\":\"remove\",\"path\":\"/$metadata\"}]"), Precondition.none()));
    Errors.expect(ErrorCode.COMPONENT_NOT_FOUND, () -> engine.getComponent("room-1", "name"));
    Errors.expect(ErrorCode.COMPONENT_NOT_FOUND, () -> engine.patchComponent("room-1", "nope",
        patch("[]"), Precondition.none()));
  }

  @Test
  void rejectsBadIds() {
    Errors.expect(ErrorCode.INVALID_ARGUMENT, () -> engine.putTwin("", Fixtures.room(1), Precondition.none()));
    Errors.expect(ErrorCode.INVALID_ARGUMENT, () -> engine.getTwin("a\nb"));
    Errors.expect(ErrorCode.INVALID_ARGUMENT,
        () -> engine.putTwin("x".repeat(1025), Fixtures.room(1), Precondition.none()));
  }

  @Test
  void rejectsTwinsLargerThan32KiB() {
    ObjectNode body = Fixtures.room(1);
    body.put("name", "x".repeat(40_000));
    DoppelException e = Errors.expect(ErrorCode.PAYLOAD_TOO_LARGE,
        () -> engine.putTwin("room-1", body, Precondition.none()));
    assertThat(e.details().get(0).target()).isEqualTo("/");
  }

  @Test
  void decommissionedModelsTakeNoNewTwins() {
    engine.putTwin("dev-1", Fixtures.device(Fixtures.DEVICE), Precondition.none());
    engine.decommissionModel(new Dtmi(Fixtures.DEVICE));
    Errors.expect(ErrorCode.MODEL_DECOMMISSIONED,
        () -> engine.putTwin("dev-2", Fixtures.device(Fixtures.DEVICE), Precondition.none()));
    engine.patchTwin("dev-1", patch("[{\"op\":\"replace\",\"path\":\"/serial\",\"value\":\"s-2\"}]"),
        Precondition.none());
  }

  @Test
  void listsTwinsInPages() {
    for (int i = 0; i < 5; i++) {
      engine.putTwin("t" + i, Fixtures.device(Fixtures.DEVICE), Precondition.none());
    }
    Page<TwinView> first = engine.listTwins(null, 2);
    Page<TwinView> second = engine.listTwins(first.continuation(), 2);
    Page<TwinView> third = engine.listTwins(second.continuation(), 2);
    assertThat(first.items()).extracting(TwinView::id).containsExactly("t0", "t1");
    assertThat(second.items()).extracting(TwinView::id).containsExactly("t2", "t3");
    assertThat(third.items()).extracting(TwinView::id).containsExactly("t4");
    assertThat(third.continuation()).isNull();
  }

  @Test
  void unknownModelAndMissingTwinAreReported() {
    DoppelException e = Errors.expect(ErrorCode.VALIDATION_FAILED,
        () -> engine.putTwin("x", Fixtures.device("dtmi:test:Nope;1"), Precondition.none()));
    assertThat(e.details().get(0).target()).isEqualTo("/$metadata/$model");
    Errors.expect(ErrorCode.TWIN_NOT_FOUND, () -> engine.getTwin("x"));
    Errors.expect(ErrorCode.TWIN_NOT_FOUND, () -> engine.patchTwin("x", patch("[]"), Precondition.none()));
    Errors.expect(ErrorCode.TWIN_NOT_FOUND, () -> engine.deleteTwin("x", Precondition.none()));
  }
}
