package io.doppel.server;

import static io.doppel.server.MqttDevices.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.doppel.history.HistoryOptions;
import io.doppel.ingest.IngestOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The free-space reserve on a real server with its RocksDB on disk: with the reserve above the free space every
 * write channel (HTTP writes, HTTP ingest, MQTT QoS 1) is refused with {@code INSUFFICIENT_STORAGE} while reads,
 * queries and the storage routes keep working; lowered through {@code PUT /storage/reserve}, writes resume.
 */
class DiskGuardApiTest {
  private static final String MODEL = """
      [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:disk:Room;1","@type":"Interface",
        "contents":[{"@type":"Property","name":"temperature","schema":"double"},
                    {"@type":"Telemetry","name":"power","schema":"double"}]}]""";

  @Test
  void writesGet507BelowTheReserveWhileReadsWorkAndResumeWhenTheReserveIsLowered(@TempDir Path tmp)
      throws Exception {
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDataDir(tmp.resolve("data")),
        HistoryOptions.defaults(), IngestOptions.defaults().withMqttPort(0), DiskReserve.DEFAULT)) {
      Http http = new Http(server.baseUri());
      assertThat(http.post("/models", MODEL).status()).isEqualTo(201);
      assertThat(http.put("/digitaltwins/room-1", room(20)).status()).isEqualTo(200);
      Http.Response start = http.get("/storage");
      assertThat(start.json().path("writable").asBoolean()).as(start.text()).isTrue();
      assertThat(start.json().path("minFree").asText()).isEqualTo("256MiB");

      // the whole disk as the reserve: more than is ever free
      Http.Response raised = http.put("/storage/reserve", "{\"minFree\":\"100%\"}");
      assertThat(raised.status()).as(raised.text()).isEqualTo(200);
      assertThat(raised.json().path("writable").asBoolean()).isFalse();
      assertThat(raised.json().path("reserveBytes").asLong()).isGreaterThan(raised.json().path("usableBytes").asLong());

      Http.Response put = http.put("/digitaltwins/room-2", room(21));
      assertThat(put.status()).as(put.text()).isEqualTo(507);
      assertThat(put.errorCode()).isEqualTo("INSUFFICIENT_STORAGE");
      assertThat(put.json().path("error").path("message").asText()).contains("free, below the reserve of")
          .contains("--min-free-disk 100%");
      assertThat(http.patch("/digitaltwins/room-1", "[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":5}]")
          .status()).isEqualTo(507);
      assertThat(http.post("/digitaltwins/room-1/telemetry", "{\"power\":1.5}").status()).isEqualTo(507);
      assertThat(http.post("/ingest?topic=twins/room-1/telemetry", "{\"power\":1.5}").status()).isEqualTo(507);
      assertThat(http.put("/mappings/m", "{}").status()).isEqualTo(507);

      // reads, queries and the storage routes keep working
      assertThat(http.get("/digitaltwins/room-1").json().path("temperature").asDouble()).isEqualTo(20);
      assertThat(http.post("/query", "{\"query\":\"SELECT * FROM digitaltwins\"}").status()).isEqualTo(200);
      assertThat(http.get("/storage").json().path("writable").asBoolean()).isFalse();

      // a device's QoS 1 publish is not acknowledged: MQTT 5 says why and disconnects
      Mqtt5BlockingClient device = mqtt(server, "device-1");
      assertThatThrownBy(() -> device.publishWith().topic("twins/room-1/telemetry").qos(MqttQos.AT_LEAST_ONCE)
          .payload(utf8("{\"power\":2.5}")).send())
          .satisfies(e -> assertThat(disconnect(e).getMqttMessage().getReasonCode())
              .isEqualTo(Mqtt5DisconnectReasonCode.QUOTA_EXCEEDED))
          .satisfies(e -> assertThat(disconnect(e).getMqttMessage().getReasonString().map(Object::toString)
              .orElse("")).startsWith("INSUFFICIENT_STORAGE"));
      assertThat(http.get("/digitaltwins/room-1/history/latest").text()).doesNotContain("power");

      Http.Response lowered = http.put("/storage/reserve", "{\"minFree\":\"0\"}");
      assertThat(lowered.json().path("writable").asBoolean()).as(lowered.text()).isTrue();
      assertThat(http.put("/digitaltwins/room-2", room(21)).status()).isEqualTo(200);
      assertThat(http.post("/digitaltwins/room-1/telemetry", "{\"power\":1.5}").status()).isEqualTo(204);
      Mqtt5BlockingClient again = mqtt(server, "device-1");
      assertThat(again.publishWith().topic("twins/room-1/telemetry").qos(MqttQos.AT_LEAST_ONCE)
          .payload(utf8("{\"power\":2.5}")).send().getError()).isEmpty();
      again.disconnect();
      assertThat(http.get("/digitaltwins/room-2").status()).isEqualTo(200);
    }
  }

  @Test
  void aBadReserveIsA400NamingTheField(@TempDir Path tmp) throws Exception {
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDataDir(tmp.resolve("data")))) {
      Http http = new Http(server.baseUri());
      Http.Response bad = http.put("/storage/reserve", "{\"minFree\":\"lots\"}");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.errorCode()).isEqualTo("INVALID_ARGUMENT");
      assertThat(bad.targets()).contains("minFree");
      assertThat(http.put("/storage/reserve", "{}").targets()).contains("minFree");
      assertThat(http.put("/storage/reserve", "{\"minFree\":\"101%\"}").status()).isEqualTo(400);
    }
  }

  @Test
  void aServerWithoutADataDirectoryIsAlwaysWritable() throws Exception {
    TestServer.test((server, http) -> {
      Http.Response storage = http.get("/storage");
      assertThat(storage.json().path("writable").asBoolean()).isTrue();
      assertThat(storage.json().has("usableBytes")).isFalse();
    });
  }

  private static String room(double temperature) {
    return "{\"$metadata\":{\"$model\":\"dtmi:disk:Room;1\"},\"temperature\":" + temperature + "}";
  }

  private static Mqtt5BlockingClient mqtt(DoppelServer server, String id) {
    Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1")
        .serverPort(server.mqttPort()).buildBlocking();
    client.connect();
    return client;
  }

  private static Mqtt5DisconnectException disconnect(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Mqtt5DisconnectException d) {
        return d;
      }
    }
    throw new AssertionError("not a server DISCONNECT", e);
  }
}
