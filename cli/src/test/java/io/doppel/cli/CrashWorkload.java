package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mixed load of one crash cycle, each kind on its own thread until the server dies under it: twin PUTs and
 * PATCHes, relationship PUTs, HTTP ingest batches, MQTT QoS 1 publishes, stored scenario and mapping definitions.
 * Every acknowledged write goes into the cycle's {@link CrashLedger}; a refusal by a live server is a failure.
 */
final class CrashWorkload {
  static final String COUNTER = "dtmi:crash:Counter;1";
  static final int TWIN_WRITERS = 2;
  static final int TWINS_PER_WRITER = 8;
  static final int SENSORS = 4;
  static final String HUB = "hub";
  static final String DEVICE = "device-0";
  /** HTTP telemetry is stamped from here on, MQTT telemetry from {@link #MQTT_EPOCH}: the two never share a time. */
  static final long HTTP_EPOCH = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  static final long MQTT_EPOCH = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();

  static final String MODELS = """
      [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:crash:Counter;1","@type":"Interface",
        "contents":[{"@type":"Property","name":"counter","schema":"long"},
                    {"@type":"Property","name":"writer","schema":"string"},
                    {"@type":"Telemetry","name":"temp","schema":"double"},
                    {"@type":"Relationship","name":"link"}]},
       {"@context":["dtmi:dtdl:context;3","dtmi:io:doppel:sim;1"],"@id":"dtmi:crash:Users;1",
        "@type":["Interface","SimSource"],
        "contents":[{"@type":["Property","ArrivalRate"],"name":"rate","schema":"double"},
                    {"@type":["Relationship","SimFlow"],"name":"calls"}]},
       {"@context":["dtmi:dtdl:context;3","dtmi:io:doppel:sim;1"],"@id":"dtmi:crash:Service;1",
        "@type":["Interface","SimStation"],
        "contents":[{"@type":["Property","Replicas"],"name":"replicas","schema":"integer"},
                    {"@type":["Property","MeanServiceTime"],"name":"serviceTime","schema":"double"}]}]
      """;
  /** Long enough to be still running whenever the cycle's kill comes. */
  static final String LONG_RUN = """
      {"name":"in progress at the kill","horizon":500000,"warmup":0,"replications":2,"seed":7,"window":1000}""";

  private final HttpClient http;
  private final int port;
  private final int mqttPort;
  private final int cycle;
  private final CrashLedger ledger;
  private final AtomicLong sequence;
  private final List<String> refusals;
  private final AtomicBoolean running = new AtomicBoolean(true);

  /** {@code sequence} is shared by all cycles: values and times only ever increase. */
  CrashWorkload(HttpClient http, int port, int mqttPort, int cycle, CrashLedger ledger, AtomicLong sequence,
      List<String> refusals) {
    this.http = http;
    this.port = port;
    this.mqttPort = mqttPort;
    this.cycle = cycle;
    this.ledger = ledger;
    this.sequence = sequence;
    this.refusals = refusals;
  }

  /** The models, the twins the writers patch, the simulation graph and the long scenario, on a new store. */
  static void setUp(HttpClient http, int port) throws Exception {
    expect(ServerProcess.send(http, port, "POST", "/models", MODELS), 201);
    for (int w = 0; w < TWIN_WRITERS; w++) {
      for (int k = 0; k < TWINS_PER_WRITER; k++) {
        expect(put(http, port, twinId(w, k), 0, "w" + w), 200);
      }
    }
    for (String id : List.of(HUB, DEVICE)) {
      expect(put(http, port, id, 0, "setup"), 200);
    }
    for (int s = 0; s < SENSORS; s++) {
      expect(put(http, port, "sensor-" + s, 0, "setup"), 200);
    }
    expect(ServerProcess.send(http, port, "PUT", "/digitaltwins/users",
        "{\"$metadata\":{\"$model\":\"dtmi:crash:Users;1\"},\"rate\":20}"), 200);
    expect(ServerProcess.send(http, port, "PUT", "/digitaltwins/service",
        "{\"$metadata\":{\"$model\":\"dtmi:crash:Service;1\"},\"replicas\":2,\"serviceTime\":0.04}"), 200);
    expect(ServerProcess.send(http, port, "PUT", "/digitaltwins/users/relationships/users-calls-service",
        "{\"$targetId\":\"service\",\"$relationshipName\":\"calls\"}"), 200);
    expect(ServerProcess.send(http, port, "PUT", "/scenarios/crash-run", LONG_RUN), 201);
  }

  static String twinId(int writer, int k) {
    return "t" + writer + "-" + k;
  }

  /** Starts every writer and a scenario run; the caller kills the server and then calls {@link #stop}. */
  List<Thread> start() throws Exception {
    HttpResponse<String> run = ServerProcess.send(http, port, "POST", "/scenarios/crash-run/runs", "");
    if (run.statusCode() != 202) {
      refusals.add("scenario run: " + run.statusCode() + " " + run.body());
    }
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < TWIN_WRITERS; w++) {
      int writer = w;
      threads.add(loop("twins-" + w, n -> twinWrite(writer, n)));
    }
    threads.add(loop("relationships", n -> relationshipWrite()));
    threads.add(loop("ingest", n -> ingestBatch()));
    threads.add(loop("documents", this::documentWrite));
    threads.add(Thread.ofPlatform().name("crash-mqtt").start(this::mqtt));
    return threads;
  }

  void stop(List<Thread> threads) throws InterruptedException {
    running.set(false);
    for (Thread t : threads) {
      t.join(15_000);
    }
  }

  /** One write per step; an I/O failure means the server died under it (that write was never acknowledged). */
  private interface Step {
    void run(long n) throws IOException, InterruptedException;
  }

  private Thread loop(String name, Step step) {
    return Thread.ofPlatform().name("crash-" + name).start(() -> {
      for (long n = 0; running.get(); n++) {
        try {
          step.run(n);
        } catch (IOException died) {
          return;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    });
  }

  private void twinWrite(int writer, long n) throws IOException, InterruptedException {
    String id = twinId(writer, (int) (n % TWINS_PER_WRITER));
    long value = sequence.incrementAndGet();
    // every fifth write replaces the whole twin, the others patch it
    HttpResponse<String> response = n % 5 == 0 ? put(http, port, id, value, "w" + writer)
        : ServerProcess.send(http, port, "PATCH", "/digitaltwins/" + id,
            "[{\"op\":\"replace\",\"path\":\"/counter\",\"value\":" + value + "}]");
    if (acknowledged(response, "twin " + id)) {
      ledger.twins.merge(id, value, Math::max);
      ledger.twinWrites.incrementAndGet();
    }
  }

  private void relationshipWrite() throws IOException, InterruptedException {
    long n = sequence.incrementAndGet();
    String id = "r" + n;
    String target = twinId(0, (int) (n % TWINS_PER_WRITER));
    HttpResponse<String> response = ServerProcess.send(http, port, "PUT", "/digitaltwins/" + HUB + "/relationships/"
        + id, "{\"$targetId\":\"" + target + "\",\"$relationshipName\":\"link\"}");
    if (acknowledged(response, "relationship " + id)) {
      ledger.relationships.add(new CrashLedger.Relationship(HUB, id, target));
    }
  }

  /** 20 telemetry messages per request through the ingestion path; each must be applied, none dead-lettered. */
  private void ingestBatch() throws IOException, InterruptedException {
    List<CrashLedger.Point> points = new ArrayList<>();
    StringBuilder body = new StringBuilder("{\"messages\":[");
    for (int i = 0; i < 20; i++) {
      long n = sequence.incrementAndGet();
      CrashLedger.Point p = new CrashLedger.Point("sensor-" + (n % SENSORS), HTTP_EPOCH + n, n);
      points.add(p);
      body.append(i == 0 ? "" : ",").append("{\"topic\":\"twins/").append(p.twin()).append("/telemetry\",")
          .append("\"payload\":{\"temp\":").append(n).append("},\"headers\":{\"Telemetry-Source-Time\":\"")
          .append(Instant.ofEpochMilli(p.millis())).append("\"}}");
    }
    HttpResponse<String> response = ServerProcess.send(http, port, "POST", "/ingest/batch", body.append("]}")
        .toString());
    if (acknowledged(response, "ingest batch")) {
      JsonNode answer = CrashLedger.json(response.body());
      if (answer.path("applied").asInt() != points.size()) {
        refusals.add("ingest batch not applied whole: " + response.body());
        running.set(false);
        return;
      }
      ledger.httpTelemetry.addAll(points);
    }
  }

  /** Scenario and mapping definitions, a few per second: each must be there, at its acknowledged version, later. */
  private void documentWrite(long n) throws IOException, InterruptedException {
    long seq = sequence.incrementAndGet();
    String path;
    String marker;
    String body;
    if (n % 2 == 0) {
      path = "/scenarios/doc-" + seq;
      marker = "crash document " + seq;
      body = "{\"name\":\"" + marker + "\",\"horizon\":100,\"replications\":2}";
    } else {
      path = "/mappings/map-" + seq;
      marker = "crash/" + seq + "/#";
      body = "{\"match\":{\"topic\":\"" + marker + "\"},\"model\":\"" + COUNTER
          + "\",\"twinId\":\"{topic[1]}\",\"telemetry\":{\"temp\":\"$.t\"}}";
    }
    HttpResponse<String> response = ServerProcess.send(http, port, "PUT", path, body);
    if (acknowledged(response, path)) {
      ledger.documents.put(path, marker);
    }
    Thread.sleep(100);
  }

  /** A real MQTT 5 device: QoS 1 publishes, counted once their PUBACK arrived. */
  private void mqtt() {
    Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier("crash-device-" + cycle)
        .serverHost("127.0.0.1").serverPort(mqttPort).buildBlocking();
    try {
      client.connectWith().simpleAuth().username("crash")
          .password(ServerProcess.ADMIN_KEY.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
      while (running.get()) {
        long n = sequence.incrementAndGet();
        CrashLedger.Point p = new CrashLedger.Point(DEVICE, MQTT_EPOCH + n, n);
        Mqtt5PublishResult result = client.publishWith().topic("twins/" + DEVICE + "/telemetry")
            .qos(MqttQos.AT_LEAST_ONCE).payload(("{\"temp\":" + n + "}").getBytes(StandardCharsets.UTF_8))
            .userProperties().add("Telemetry-Source-Time", Instant.ofEpochMilli(p.millis()).toString())
            .applyUserProperties().send();
        boolean acked = result.getError().isEmpty() && result instanceof Mqtt5PublishResult.Mqtt5Qos1Result q
            && !q.getPubAck().getReasonCode().isError();
        if (!acked) {
          refusals.add("MQTT publish not acknowledged by a live server: " + result);
          return;
        }
        ledger.mqttTelemetry.add(p);
      }
    } catch (RuntimeException died) {
      // connection lost: the server was killed (a publish in flight was never acknowledged)
    } finally {
      try {
        client.disconnect();
      } catch (RuntimeException alreadyGone) {
        // nothing to close
      }
    }
  }

  /** 2xx counts; 429 (overload shedding) is a refusal the client may retry; anything else from a live server fails. */
  private boolean acknowledged(HttpResponse<String> response, String what) {
    int status = response.statusCode();
    if (status / 100 == 2) {
      return true;
    }
    if (status != 429) {
      refusals.add(what + ": " + status + " " + response.body());
      running.set(false);
    }
    return false;
  }

  private static HttpResponse<String> put(HttpClient http, int port, String id, long counter, String writer)
      throws IOException, InterruptedException {
    return ServerProcess.send(http, port, "PUT", "/digitaltwins/" + id, "{\"$metadata\":{\"$model\":\"" + COUNTER
        + "\"},\"counter\":" + counter + ",\"writer\":\"" + writer + "\"}");
  }

  private static void expect(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new AssertionError("set-up: expected " + status + ", got " + response.statusCode() + " "
          + response.body());
    }
  }
}
