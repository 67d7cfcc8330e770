package io.doppel.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * The peer: a bare Javalin handler on the same Javalin and Jetty as Doppel that reads the same JSON Patch body into
 * a Jackson tree, checks it is a patch and answers 204. It is the ceiling Doppel's HTTP path is measured against:
 * everything Doppel does beyond this (routing by twin id, model validation, the durable change log) is its cost.
 */
final class BarePeer implements LoadTarget {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Javalin app;

  private BarePeer(Javalin app) {
    this.app = app;
  }

  static BarePeer start() {
    Javalin app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.routes.patch("/digitaltwins/{id}", ctx -> {
        JsonNode patch = readPatch(ctx.bodyAsBytes());
        if (patch == null) {
          ctx.status(400).result("body is not a JSON Patch array");
          return;
        }
        ctx.status(204);
      });
    });
    app.start("127.0.0.1", 0);
    return new BarePeer(app);
  }

  @Override
  public String name() {
    return "bare";
  }

  @Override
  public URI base() {
    return URI.create("http://127.0.0.1:" + app.port());
  }

  @Override
  public Wrk.PatchTarget patches() {
    return new Wrk.PatchTarget("/digitaltwins/sensor-", "", "lastTemperature");
  }

  private static @Nullable JsonNode readPatch(byte[] body) {
    try {
      JsonNode tree = JSON.readTree(body);
      if (tree == null || !tree.isArray() || tree.isEmpty() || !tree.get(0).path("op").isTextual()) {
        return null;
      }
      return tree;
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}
