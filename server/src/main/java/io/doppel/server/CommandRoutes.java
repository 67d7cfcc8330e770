package io.doppel.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.doppel.ingest.mqtt.MqttEndpoint;
import io.doppel.twin.TwinEngine;
import io.javalin.http.Context;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /digitaltwins/{id}/commands/{name}}: sends a command to the devices of a twin, as an MQTT publish on
 * {@code twins/{id}/commands/{name}} to every session subscribed to it. The body (JSON, or empty) is the payload.
 * 202 says how many sessions it was handed to; 404 {@code COMMAND_NOT_DELIVERED} when none listens (or MQTT is off),
 * so that a caller never believes a command went out when it did not.
 */
final class CommandRoutes {
  private final TwinEngine engine;
  private final Supplier<@Nullable MqttEndpoint> mqtt;
  private final String realm;
  private final long maxBodyBytes;

  /** {@code realm}: the MQTT realm of this graph's devices (its tenant), the only ones its commands reach. */
  CommandRoutes(TwinEngine engine, Supplier<@Nullable MqttEndpoint> mqtt, String realm, long maxBodyBytes) {
    this.engine = engine;
    this.mqtt = mqtt;
    this.realm = realm;
    this.maxBodyBytes = maxBodyBytes;
  }

  void addTo(RouteTable table) {
    table.post("/digitaltwins/{id}/commands/{name}", this::send);
  }

  private void send(Context ctx) throws JsonProcessingException {
    String id = ctx.pathParam("id");
    String name = ctx.pathParam("name");
    topicLevel(id, "id");
    topicLevel(name, "name");
    engine.modelOf(id); // 404 TWIN_NOT_FOUND first: a typo in the id is not "nobody listens"
    byte[] payload = ctx.contentLength() == 0 ? new byte[0]
        : Json.MAPPER.writeValueAsBytes(Json.read(ctx, maxBodyBytes));
    MqttEndpoint endpoint = mqtt.get();
    String topic = "twins/" + id + "/commands/" + name;
    if (endpoint == null) {
      throw new ApiFailure(ApiFailure.Code.COMMAND_NOT_DELIVERED,
          "command not delivered: the MQTT endpoint is off (serve --mqtt-port)");
    }
    int delivered = endpoint.sendCommand(realm, id, name, payload);
    if (delivered == 0) {
      throw new ApiFailure(ApiFailure.Code.COMMAND_NOT_DELIVERED,
          "command not delivered: no connected device subscribes to " + topic);
    }
    Json.respond(ctx, 202, Json.MAPPER.createObjectNode().put("twinId", id).put("command", name)
        .put("topic", topic).put("deliveredTo", delivered));
  }

  /** An MQTT topic level may not hold a separator or a wildcard. */
  private static void topicLevel(String value, String target) {
    if (value.isEmpty() || value.indexOf('/') >= 0 || value.indexOf('+') >= 0 || value.indexOf('#') >= 0) {
      throw Requests.invalid(target, "must be one MQTT topic level: no '/', '+' or '#', got '" + value + "'");
    }
  }
}
