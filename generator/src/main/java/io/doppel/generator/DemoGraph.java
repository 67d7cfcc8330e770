package io.doppel.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The twins and relationships of the example packs, read from the examples jar as the server's demo loads them. */
public final class DemoGraph {
  static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> packs;
  private final List<ObjectNode> twins = new ArrayList<>();
  private final List<ObjectNode> relationships = new ArrayList<>();
  private final java.util.Map<String, String> packOfTwin = new java.util.HashMap<>();

  private DemoGraph(List<String> packs) {
    this.packs = List.copyOf(packs);
    for (String pack : packs) {
      JsonNode graph = read(pack + "/graph.json");
      graph.path("twins").forEach(t -> {
        twins.add((ObjectNode) t);
        packOfTwin.put(id(t), pack);
      });
      graph.path("relationships").forEach(r -> relationships.add((ObjectNode) r));
    }
  }

  /** Every pack the examples jar lists. */
  public static DemoGraph all() {
    String list = new String(bytes("packs.txt"), java.nio.charset.StandardCharsets.UTF_8);
    return of(list.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
  }

  public static DemoGraph of(List<String> packs) {
    return new DemoGraph(packs);
  }

  public List<String> packs() {
    return packs;
  }

  /** The ids of every twin of the given packs. */
  public java.util.Set<String> twinIdsOfPacks(java.util.Set<String> wanted) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    packOfTwin.forEach((id, pack) -> {
      if (wanted.contains(pack)) {
        ids.add(id);
      }
    });
    return ids;
  }

  /** Twins whose model's name (the DTMI's last segment, without version) is {@code modelName}. */
  List<ObjectNode> twinsOf(String modelName) {
    return twins.stream().filter(t -> modelName(t).equals(modelName)).toList();
  }

  List<ObjectNode> outgoing(String sourceId, String name) {
    return relationships.stream().filter(r -> r.path("$sourceId").asText().equals(sourceId)
        && r.path("$relationshipName").asText().equals(name)).toList();
  }

  List<ObjectNode> incoming(String targetId, String name) {
    return relationships.stream().filter(r -> r.path("$targetId").asText().equals(targetId)
        && r.path("$relationshipName").asText().equals(name)).toList();
  }

  static String id(JsonNode twin) {
    return twin.path("$dtId").asText();
  }

  static String modelName(JsonNode twin) {
    String model = twin.path("$metadata").path("$model").asText();
    int colon = model.lastIndexOf(':');
    int semi = model.lastIndexOf(';');
    return model.substring(colon + 1, semi < 0 ? model.length() : semi);
  }

  private static JsonNode read(String path) {
    try {
      return JSON.readTree(bytes(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the example pack file " + path, e);
    }
  }

  /** A pack file of the examples jar, or null when the pack has none. */
  static byte @org.jspecify.annotations.Nullable [] optionalBytes(String path) {
    return DemoGraph.class.getResource("/doppel-examples/" + path) == null ? null : bytes(path);
  }

  private static byte[] bytes(String path) {
    try (InputStream in = DemoGraph.class.getResourceAsStream("/doppel-examples/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no example pack file " + path + " (is doppel-examples on the classpath?)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
