package io.doppel.generator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The packs' mappings ({@code doppel-examples/<pack>/mappings.json}: id → definition), which read what the demo's
 * devices send in their own shapes ({@link DeviceShapes}). Installed through the public mappings API when the
 * server lacks them; one it already has is left alone.
 */
public final class DemoMappings {
  private DemoMappings() {}

  /** The mappings of the packs of {@code graph}, by id. */
  public static Map<String, JsonNode> of(DemoGraph graph) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (String pack : graph.packs()) {
      byte[] file = DemoGraph.optionalBytes(pack + "/mappings.json");
      if (file == null) {
        continue;
      }
      try {
        DemoGraph.JSON.readTree(file).properties().forEach(e -> out.put(e.getKey(), e.getValue()));
      } catch (IOException e) {
        throw new UncheckedIOException("the mappings of pack " + pack + " are not JSON", e);
      }
    }
    return out;
  }

  /** PUTs each mapping the server does not have; answers the problems (empty when all are there). */
  public static List<String> install(URI base, @Nullable String token, DemoGraph graph) {
    return install(base, ServerAccess.of(token), graph);
  }

  /** {@link #install(URI, String, DemoGraph)} as {@code access} says (its tenant's mappings with a tenant). */
  public static List<String> install(URI base, ServerAccess access, DemoGraph graph) {
    List<String> problems = new ArrayList<>();
    String root = base.toString().replaceAll("/+$", "") + "/mappings/";
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build()) {
      for (Map.Entry<String, JsonNode> mapping : of(graph).entrySet()) {
        URI uri = URI.create(root + URLEncoder.encode(mapping.getKey(), StandardCharsets.UTF_8));
        try {
          HttpResponse<String> existing = http.send(request(uri, access).GET().build(),
              HttpResponse.BodyHandlers.ofString());
          if (existing.statusCode() == 200) {
            continue;
          }
          HttpResponse<String> put = http.send(request(uri, access).header("Content-Type", "application/json")
              .PUT(HttpRequest.BodyPublishers.ofString(mapping.getValue().toString())).build(),
              HttpResponse.BodyHandlers.ofString());
          if (put.statusCode() >= 300) {
            problems.add("mapping " + mapping.getKey() + ": " + put.statusCode() + " " + put.body());
          }
        } catch (IOException e) {
          problems.add("mapping " + mapping.getKey() + ": " + e.getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          problems.add("mapping " + mapping.getKey() + ": interrupted");
          break;
        }
      }
    }
    return problems;
  }

  private static HttpRequest.Builder request(URI uri, ServerAccess access) {
    return access.addTo(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)));
  }
}
