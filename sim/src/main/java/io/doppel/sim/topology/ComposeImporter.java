package io.doppel.sim.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.doppel.sim.dist.Invalid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A docker-compose file to a twin graph. A compose file says which services exist and what each one needs, but
 * has no timing data: every service gets the import's default mean service time ({@link ImportOptions#serviceTimeMs},
 * exponential) unless its {@code x-doppel} block says otherwise, and {@code deploy.replicas} or {@code scale}
 * replicas (default 1). {@code links} and environment values naming another service ({@code http://user-service:9090})
 * become {@code calls}; {@code depends_on} becomes {@code dependsOn}, which is a flow too because a start-up
 * dependency is nearly always something the service talks to. A request leaving a service goes on along each of
 * its flows with equal probability. The clients call the services that publish {@code ports}.
 */
final class ComposeImporter {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Set<String> ROOT = Set.of("version", "name", "services", "networks", "volumes", "configs",
      "secrets", "include");
  private static final Set<String> OVERRIDES = Set.of("meanServiceTime", "serviceTimeCv", "replicas",
      "queueCapacity", "costPerReplicaHour");
  private static final Pattern TOKENS = Pattern.compile("[^A-Za-z0-9._-]+");

  private ComposeImporter() {}

  static TopologyDocument read(String text, ImportOptions options) {
    JsonNode root = JsonFields.object("(root)", JsonFields.parse(YAML, text));
    JsonFields.onlyKnown("(root)", root, ROOT);
    JsonNode services = root.get("services");
    if (services == null) {
      throw Invalid.field("services", "is required");
    }
    JsonFields.object("services", services);
    if (services.isEmpty()) {
      throw Invalid.field("services", "lists no service");
    }
    TopologyDraft draft = new TopologyDraft("compose");
    draft.note("a compose file has no timing data: every service takes " + options.serviceTimeMs() + " ms per request"
        + " (exponential) unless its x-doppel block sets meanServiceTime");
    Map<String, String> hosts = new HashMap<>();
    services.properties().forEach(e -> {
      String at = "services." + e.getKey();
      JsonNode s = JsonFields.object(at, e.getValue());
      hosts.put(e.getKey(), e.getKey());
      String hostname = JsonFields.optionalText(at, s, "hostname");
      if (hostname != null) {
        hosts.putIfAbsent(hostname, e.getKey());
      }
    });
    List<String> published = new ArrayList<>();
    Map<String, Map<String, String>> flows = new LinkedHashMap<>();
    services.properties().forEach(e -> {
      String name = e.getKey();
      String at = "services." + name;
      JsonNode s = e.getValue();
      var props = draft.service(at, name);
      props.put("replicas", replicas(at, s)).put("meanServiceTime", options.serviceTimeMs());
      String image = JsonFields.optionalText(at, s, "image");
      if (image != null) {
        props.put("image", image);
      }
      overrides(at, s, props);
      if (!JsonFields.array(at, s, "ports", false).isEmpty()) {
        published.add(name);
      }
      Map<String, String> out = new LinkedHashMap<>();
      flows.put(name, out);
      links(at, s, hosts, name, out);
      environment(draft, at, s, hosts, name, out);
      dependsOn(at, s, hosts, name, out);
    });
    List<String> entries = entries(options.entries(), published, flows);
    entries.forEach(s -> draft.entry(s, 1.0 / entries.size()));
    flows.forEach((from, out) -> out.forEach((to, kind) -> {
      var edge = draft.edge(from, to, kind.startsWith("dependsOn") ? "dependsOn" : "calls", 1.0 / out.size());
      if (kind.startsWith("dependsOn:")) {
        edge.put("condition", kind.substring("dependsOn:".length()));
      }
    }));
    return draft.build(options);
  }

  private static int replicas(String at, JsonNode s) {
    JsonNode deploy = s.path("deploy");
    if (deploy.has("replicas")) {
      return JsonFields.count(at + ".deploy.replicas", deploy.get("replicas"), 1);
    }
    if (s.has("scale")) {
      return JsonFields.count(at + ".scale", s.get("scale"), 1);
    }
    return 1;
  }

  /** {@code x-doppel}: simulation parameters the compose file cannot express, per service. */
  private static void overrides(String at, JsonNode s, com.fasterxml.jackson.databind.node.ObjectNode props) {
    JsonNode x = s.get("x-doppel");
    if (x == null) {
      return;
    }
    JsonFields.object(at + ".x-doppel", x);
    JsonFields.onlyKnown(at + ".x-doppel", x, OVERRIDES);
    x.properties().forEach(e -> {
      String field = at + ".x-doppel." + e.getKey();
      if (e.getKey().equals("replicas") || e.getKey().equals("queueCapacity")) {
        props.put(e.getKey(), JsonFields.count(field, e.getValue(), e.getKey().equals("replicas") ? 1 : 0));
      } else {
        props.put(e.getKey(), Invalid.nonNegative(field, JsonFields.number(at + ".x-doppel", x, e.getKey())));
      }
    });
  }

  private static void links(String at, JsonNode s, Map<String, String> hosts, String self, Map<String, String> out) {
    JsonNode links = JsonFields.array(at, s, "links", false);
    for (int i = 0; i < links.size(); i++) {
      String field = at + ".links[" + i + "]";
      if (!links.get(i).isTextual()) {
        throw Invalid.field(field, "must be a string SERVICE or SERVICE:ALIAS, was " + JsonFields.kind(links.get(i)));
      }
      String target = links.get(i).asText().split(":", 2)[0];
      out.put(target(field, target, hosts, self), "calls");
    }
  }

  private static void environment(TopologyDraft draft, String at, JsonNode s, Map<String, String> hosts, String self,
      Map<String, String> out) {
    JsonNode env = s.get("environment");
    if (env == null || env.isNull()) {
      return;
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (env.isArray()) {
      for (int i = 0; i < env.size(); i++) {
        if (!env.get(i).isTextual()) {
          throw Invalid.field(at + ".environment[" + i + "]", "must be a string KEY=VALUE, was "
              + JsonFields.kind(env.get(i)));
        }
        String[] kv = env.get(i).asText().split("=", 2);
        values.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    } else if (env.isObject()) {
      env.properties().forEach(e -> values.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
    } else {
      throw Invalid.field(at + ".environment", "must be a list or a mapping, was " + JsonFields.kind(env));
    }
    values.forEach((key, value) -> {
      for (String token : TOKENS.split(value)) {
        String target = hosts.get(token);
        if (target != null && !target.equals(self) && !out.containsKey(target)) {
          out.put(target, "calls");
          draft.note(at + ".environment." + key + " names " + target + ": imported as a call");
        }
      }
    });
  }

  private static void dependsOn(String at, JsonNode s, Map<String, String> hosts, String self,
      Map<String, String> out) {
    JsonNode deps = s.get("depends_on");
    if (deps == null || deps.isNull()) {
      return;
    }
    if (deps.isArray()) {
      for (int i = 0; i < deps.size(); i++) {
        String field = at + ".depends_on[" + i + "]";
        if (!deps.get(i).isTextual()) {
          throw Invalid.field(field, "must be a service name, was " + JsonFields.kind(deps.get(i)));
        }
        out.putIfAbsent(target(field, deps.get(i).asText(), hosts, self), "dependsOn:service_started");
      }
    } else if (deps.isObject()) {
      deps.properties().forEach(e -> {
        String field = at + ".depends_on." + e.getKey();
        String condition = "service_started";
        if (e.getValue().isObject()) {
          String given = JsonFields.optionalText(field, e.getValue(), "condition");
          condition = given == null ? condition : given;
        } else if (!e.getValue().isNull()) {
          throw Invalid.field(field, "must be a mapping with a condition, was " + JsonFields.kind(e.getValue()));
        }
        out.putIfAbsent(target(field, e.getKey(), hosts, self), "dependsOn:" + condition);
      });
    } else {
      throw Invalid.field(at + ".depends_on", "must be a list or a mapping, was " + JsonFields.kind(deps));
    }
  }

  private static String target(String field, String name, Map<String, String> hosts, String self) {
    String target = hosts.get(name);
    if (target == null) {
      throw Invalid.field(field, "no service '" + name + "' in the file");
    }
    if (target.equals(self)) {
      throw Invalid.field(field, "a service cannot depend on itself");
    }
    return target;
  }

  private static List<String> entries(List<String> chosen, List<String> published, Map<String, Map<String, String>> flows) {
    for (int i = 0; i < chosen.size(); i++) {
      if (!flows.containsKey(chosen.get(i))) {
        throw Invalid.field("entries[" + i + "]", "no service '" + chosen.get(i) + "' in the file");
      }
    }
    if (!chosen.isEmpty()) {
      return chosen;
    }
    if (!published.isEmpty()) {
      return published;
    }
    // Nothing published: the clients call the services nothing else calls.
    Set<String> called = new java.util.HashSet<>();
    flows.values().forEach(out -> called.addAll(out.keySet()));
    return flows.keySet().stream().filter(s -> !called.contains(s)).toList();
  }
}
