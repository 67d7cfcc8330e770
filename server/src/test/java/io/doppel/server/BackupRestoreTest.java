package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.server.auth.AuthConfig;
import io.doppel.server.backup.BackupFailure;
import io.doppel.server.backup.BackupManifest;
import io.doppel.server.backup.DataFormat;
import io.doppel.server.backup.Restore;
import io.doppel.twin.DoppelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An online backup taken while writers keep writing, restored into a fresh directory: a server started there has
 * every write acknowledged before the backup began (twins, relationships, telemetry, a mapping, a policy, a key),
 * and its audit chain verifies. Restores refuse what they must.
 */
class BackupRestoreTest {
  private static final String ADMIN_KEY = "admin-key-for-backup-tests-0123";
  private static final String MODEL = """
      [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Pump;1","@type":"Interface","contents":[
        {"@type":"Property","name":"n","schema":"integer","writable":true},
        {"@type":"Telemetry","name":"flow","schema":"double"},
        {"@type":"Relationship","name":"feeds"}]}]""";
  private static final int WRITERS = 3;
  /** Telemetry times: recent, so that no retention rule applies, one second apart. */
  private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(3600);

  private static ServerConfig config(Path data) {
    return ServerConfig.ephemeral().withDataDir(data).withAuth(AuthConfig.required(ADMIN_KEY));
  }

  private static Http admin(DoppelServer server) {
    return new Http(server.baseUri()).withHeader("Authorization", "Bearer " + ADMIN_KEY);
  }

  /** What the writers had acknowledged: the last value per twin and the number of telemetry points. */
  private record Acked(int[] lastN, int points) {}

  @Test
  void aBackupTakenWhileWritingRestoresEveryAcknowledgedWrite(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    Path backup = tmp.resolve("backup");
    Acked before;
    String readerKey;
    try (DoppelServer server = DoppelServer.start(config(data))) {
      Http admin = admin(server);
      assertThat(admin.post("/models", MODEL).status()).isEqualTo(201);
      for (int i = 0; i < WRITERS; i++) {
        assertThat(admin.put("/digitaltwins/p" + i, "{\"$metadata\":{\"$model\":\"dtmi:test:Pump;1\"},\"n\":0}")
            .status()).isEqualTo(200);
      }
      assertThat(admin.put("/digitaltwins/p0/relationships/r1", "{\"$targetId\":\"p1\",\"$relationshipName\":\"feeds\"}")
          .status()).isEqualTo(200);
      Http.Response mapping = admin.put("/mappings/pumps", """
          {"match":{"topic":"plant/+/pumps"},"model":"dtmi:test:Pump;1","twinId":"{topic[1]}",
           "telemetry":{"flow":"$.f"}}""");
      assertThat(mapping.status()).as(mapping.text()).isEqualTo(201);
      assertThat(admin.put("/auth/policies/pump-readers", """
          {"roles":["reader"],"actions":["read"],"model":"dtmi:test:Pump;1"}""").status()).isEqualTo(200);
      readerKey = RouteAccessTest.key(admin, "reader");

      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger[] lastN = new AtomicInteger[WRITERS];
      AtomicInteger points = new AtomicInteger();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> writers = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        AtomicInteger last = lastN[i] = new AtomicInteger();
        String twin = "/digitaltwins/p" + i;
        writers.add(Thread.ofPlatform().start(() -> guard(failure, () -> {
          for (int n = 1; !stop.get(); n++) {
            Http.Response r = admin.patch(twin, "[{\"op\":\"replace\",\"path\":\"/n\",\"value\":" + n + "}]");
            assertThat(r.status()).as(r.text()).isLessThan(300);
            last.set(n);
          }
        })));
      }
      writers.add(Thread.ofPlatform().start(() -> guard(failure, () -> {
        for (int k = 1; !stop.get(); k++) {
          Http.Response r = admin.post("/digitaltwins/p2/telemetry", "{\"flow\":" + k + "}",
              "Telemetry-Source-Time", T0.plusSeconds(k).toString());
          assertThat(r.status()).as(r.text()).isLessThan(300);
          points.set(k);
        }
      })));
      Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> failure.get() != null || points.get() >= 20
          && java.util.Arrays.stream(lastN).allMatch(n -> n.get() >= 20));
      assertThat(failure.get()).isNull();

      int[] acked = new int[WRITERS];
      for (int i = 0; i < WRITERS; i++) {
        acked[i] = lastN[i].get();
      }
      before = new Acked(acked, points.get());
      Http.Response taken = admin.post("/admin/backup", "{\"target\":\"" + backup + "\"}");
      assertThat(taken.status()).as(taken.text()).isEqualTo(201);
      // the writers went on during the backup, and after it
      Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> failure.get() != null
          || points.get() > before.points() + 10);
      stop.set(true);
      for (Thread writer : writers) {
        writer.join();
      }
      assertThat(failure.get()).isNull();

      JsonNode manifest = taken.json();
      assertThat(manifest.path("target").asText()).isEqualTo(backup.toString());
      assertThat(manifest.path("tookMillis").isIntegralNumber()).isTrue();
      assertThat(manifest.path("dataFormat").asInt()).isEqualTo(DataFormat.CURRENT);
      List<String> names = new ArrayList<>();
      manifest.path("stores").forEach(s -> names.add(s.path("name").asText()));
      assertThat(names).containsExactly("history", "routes", "rules", "warnings", "ingest", "auth", "twins");
      manifest.path("stores").forEach(s -> assertThat(s.path("sequence").asLong()).as(s.toString()).isPositive());
      assertThat(Files.exists(backup.resolve(BackupManifest.FILE))).isTrue();

      // the same target again is refused; so is an unknown field
      assertThat(admin.post("/admin/backup", "{\"target\":\"" + backup + "\"}").errorCode())
          .isEqualTo("BACKUP_TARGET_EXISTS");
      assertThat(admin.post("/admin/backup", "{\"targte\":\"x\"}").errorCode()).isEqualTo("INVALID_ARGUMENT");
      // a reader may not back up
      assertThat(new Http(server.baseUri()).withHeader("Authorization", "Bearer " + readerKey)
          .post("/admin/backup", "").status()).isEqualTo(403);
      // a restore into a directory a server has open is refused, even with force
      assertThatThrownBy(() -> Restore.run(backup, data, true)).isInstanceOf(BackupFailure.class)
          .satisfies(e -> assertThat(((BackupFailure) e).code()).isEqualTo(BackupFailure.Code.DATA_DIR_IN_USE));
    }

    Path restored = tmp.resolve("restored");
    Restore.Report report = Restore.run(backup, restored, false);
    assertThat(report.manifest().stores()).hasSize(7);
    try (DoppelServer server = DoppelServer.start(config(restored))) {
      server.history().caughtUp().get(30, TimeUnit.SECONDS);
      Http admin = admin(server);
      for (int i = 0; i < WRITERS; i++) {
        int n = admin.get("/digitaltwins/p" + i).json().path("n").asInt();
        assertThat(n).as("p" + i).isGreaterThanOrEqualTo(before.lastN()[i]);
      }
      assertThat(admin.get("/digitaltwins/p0/relationships/r1").status()).isEqualTo(200);
      JsonNode flow = admin.get("/digitaltwins/p2/history?name=flow&from=" + T0
          + "&to=" + T0.plusSeconds(86_400)).json().path("points");
      assertThat(flow.size()).isGreaterThanOrEqualTo(before.points());
      for (int k = 0; k < before.points(); k++) {
        assertThat(flow.get(k).path("v").asDouble()).isEqualTo(k + 1);
      }
      assertThat(admin.get("/mappings/pumps").status()).isEqualTo(200);
      assertThat(admin.get("/auth/policies/pump-readers").status()).isEqualTo(200);
      Http reader = new Http(server.baseUri()).withHeader("Authorization", "Bearer " + readerKey);
      assertThat(reader.get("/digitaltwins/p1").status()).isEqualTo(200);
      JsonNode audit = admin.get("/audit/verify").json();
      assertThat(audit.path("intact").asBoolean()).as(audit.toString()).isTrue();
      assertThat(audit.path("entries").asLong()).isGreaterThan(before.points());
      // and it takes writes: the engine's versions go on from the restored ones
      assertThat(admin.patch("/digitaltwins/p0", "[{\"op\":\"replace\",\"path\":\"/n\",\"value\":-1}]").status())
          .isLessThan(300);
    }
    assertThatThrownBy(() -> Restore.run(backup, restored, false)).isInstanceOf(BackupFailure.class)
        .hasMessageContaining("not empty")
        .satisfies(e -> assertThat(((BackupFailure) e).code()).isEqualTo(BackupFailure.Code.DATA_DIR_NOT_EMPTY));
    // with force, a stopped directory is replaced
    assertThat(Restore.run(backup, restored, true).manifest().stores()).hasSize(7);
  }

  @Test
  void aRestoreRefusesANewerFormatAndSomethingThatIsNotABackup(@TempDir Path tmp) throws Exception {
    Path backup = tmp.resolve("backup");
    try (DoppelServer server = DoppelServer.start(config(tmp.resolve("data")))) {
      assertThat(admin(server).post("/admin/backup", "{\"target\":\"" + backup + "\"}").status()).isEqualTo(201);
    }
    Path manifest = backup.resolve(BackupManifest.FILE);
    ObjectNode json = (ObjectNode) Http.MAPPER.readTree(Files.readString(manifest));
    String original = json.toString();
    Files.writeString(manifest, json.put("dataFormat", DataFormat.CURRENT + 1).toString());
    assertThatThrownBy(() -> Restore.run(backup, tmp.resolve("a"), false)).isInstanceOf(BackupFailure.class)
        .hasMessageContaining("newer than this Doppel supports")
        .satisfies(e -> assertThat(((BackupFailure) e).code()).isEqualTo(BackupFailure.Code.FORMAT_TOO_NEW));
    ObjectNode store = (ObjectNode) Http.MAPPER.readTree(original);
    ((ObjectNode) store.path("stores").get(0)).put("format", 99);
    Files.writeString(manifest, store.toString());
    assertThatThrownBy(() -> Restore.run(backup, tmp.resolve("b"), false)).isInstanceOf(BackupFailure.class)
        .hasMessageContaining("the history store").hasMessageContaining("format 99");
    Files.delete(manifest);
    assertThatThrownBy(() -> Restore.run(backup, tmp.resolve("c"), false)).isInstanceOf(BackupFailure.class)
        .satisfies(e -> assertThat(((BackupFailure) e).code()).isEqualTo(BackupFailure.Code.BACKUP_INVALID));
    assertThat(tmp.resolve("a")).doesNotExist();
  }

  @Test
  void aServerRefusesADataDirectoryOfANewerFormatAndRecordsItsOwnInANewOne(@TempDir Path tmp) throws Exception {
    Path fresh = tmp.resolve("fresh");
    try (DoppelServer server = DoppelServer.start(config(fresh))) {
      assertThat(DataFormat.read(fresh)).hasValue(DataFormat.CURRENT);
    }
    Files.writeString(fresh.resolve("FORMAT"), "doppel-data " + (DataFormat.CURRENT + 1) + "\n");
    assertThatThrownBy(() -> DoppelServer.start(config(fresh))).isInstanceOf(DoppelException.class)
        .hasMessageContaining("data format " + (DataFormat.CURRENT + 1))
        .hasMessageContaining("newer than this Doppel supports");
    // a directory written before the file existed is upgraded in place
    Files.delete(fresh.resolve("FORMAT"));
    try (DoppelServer server = DoppelServer.start(config(fresh))) {
      assertThat(DataFormat.read(fresh)).hasValue(DataFormat.CURRENT);
    }
  }

  @Test
  void aServerWithoutADataDirectoryHasNothingToBackUp() throws Exception {
    TestServer.test((server, http) -> assertThat(http.post("/admin/backup", "").errorCode())
        .isEqualTo("BACKUP_UNAVAILABLE"));
  }

  private interface Body {
    void run() throws Exception;
  }

  private static void guard(AtomicReference<Throwable> failure, Body body) {
    try {
      body.run();
    } catch (Throwable t) {
      failure.compareAndSet(null, t);
    }
  }
}
