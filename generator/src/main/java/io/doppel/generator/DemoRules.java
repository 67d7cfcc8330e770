package io.doppel.generator;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The rules that make the demo's incidents visible: a floor's average temperature kept from its rooms, and alerts
 * that each kind of incident raises (a service's error rate during a latency spike, a machine running hot before
 * its fault, a room's CO2 while its air handler is down). Installed through the public rules API.
 */
public final class DemoRules {
  private static final String PLATFORM = "dtmi:io:doppel:examples:platform:";
  private static final String FACTORY = "dtmi:io:doppel:examples:factory:";
  private static final String BUILDING = "dtmi:io:doppel:examples:building:";

  private DemoRules() {}

  /** The rules for the packs of {@code graph}, by id. */
  public static Map<String, ObjectNode> of(DemoGraph graph) {
    Map<String, ObjectNode> rules = new LinkedHashMap<>();
    if (graph.packs().contains("software-platform")) {
      rules.put("service-errors", alert(PLATFORM + "Service;1", "errorRate > 0.03", "errorRate < 0.01", "PT20S",
          "critical", "A service fails more than 3% of its requests (a latency spike does that)."));
    }
    if (graph.packs().contains("factory")) {
      rules.put("machine-running-hot", alert(FACTORY + "TemperatureSensor;1", "temperature > 65",
          "temperature < 58", "PT30S", "warning", "A machine's temperature climbs: the drift before a fault."));
    }
    if (graph.packs().contains("building")) {
      ObjectNode average = DemoGraph.JSON.createObjectNode().put("kind", "derived").put("model", BUILDING + "Floor;1")
          .put("target", "averageTemperature").put("expression", "avg(rel('contains').temperature)")
          .put("description", "A floor's mean room temperature.");
      rules.put("floor-average-temperature", average);
      rules.put("room-stale-air", alert(BUILDING + "Room;1", "co2 > 1000", "co2 < 850", "PT1M", "warning",
          "A room's CO2 is high: its air handler may be down."));
    }
    return rules;
  }

  /** PUTs every rule; answers the problems (empty when all were accepted). */
  public static List<String> install(URI base, @Nullable String token, DemoGraph graph) {
    return install(base, ServerAccess.of(token), graph);
  }

  /** {@link #install(URI, String, DemoGraph)} as {@code access} says (its tenant's rules with a tenant). */
  public static List<String> install(URI base, ServerAccess access, DemoGraph graph) {
    List<String> problems = new ArrayList<>();
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build()) {
      for (Map.Entry<String, ObjectNode> rule : of(graph).entrySet()) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/+$", "")
            + "/rules/" + URLEncoder.encode(rule.getKey(), StandardCharsets.UTF_8)))
            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(rule.getValue().toString()));
        access.addTo(request);
        try {
          HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() >= 300) {
            problems.add("rule " + rule.getKey() + ": " + response.statusCode() + " " + response.body());
          }
        } catch (java.io.IOException e) {
          problems.add("rule " + rule.getKey() + ": " + e.getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          problems.add("rule " + rule.getKey() + ": interrupted");
          break;
        }
      }
    }
    return problems;
  }

  private static ObjectNode alert(String model, String condition, String clear, String holdFor, String severity,
      String description) {
    return DemoGraph.JSON.createObjectNode().put("kind", "alert").put("model", model).put("condition", condition)
        .put("clear", clear).put("for", holdFor).put("severity", severity).put("description", description);
  }
}
