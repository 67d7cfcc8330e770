package io.doppel.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Random DTDL v3 batches that are valid by construction (unique names, schemas at most three levels deep, a
 * component whose schema is the batch's second interface), and the names each interface declares, so a test can
 * check that the parser accepts them and kept every content.
 */
final class RandomInterfaces {
  static final String MAIN = "dtmi:fuzz:Main;1";
  static final String PART = "dtmi:fuzz:Part;1";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] PRIMITIVES = {"boolean", "date", "dateTime", "double", "duration", "float",
      "integer", "long", "string", "time"};

  /** A generated batch: the documents and the content names expected in the main interface. */
  record Batch(List<String> documents, List<String> mainContents) {}

  private RandomInterfaces() {}

  static Batch next(RandomGenerator random) {
    List<String> names = new ArrayList<>();
    ObjectNode main = iface(MAIN, random, names, true);
    ObjectNode part = iface(PART, random, new ArrayList<>(), false);
    return new Batch(List.of(main.toString(), part.toString()), names);
  }

  private static ObjectNode iface(String id, RandomGenerator random, List<String> names, boolean withComponent) {
    ObjectNode node = NODES.objectNode().put("@context", "dtmi:dtdl:context;3").put("@id", id)
        .put("@type", "Interface");
    if (random.nextBoolean()) {
      node.put("displayName", "interface " + random.nextInt(100));
    }
    ArrayNode contents = node.putArray("contents");
    int count = random.nextInt(7);
    for (int i = 0; i < count; i++) {
      String name = "c" + i;
      names.add(name);
      contents.add(content(name, random, id, withComponent));
    }
    return node;
  }

  private static ObjectNode content(String name, RandomGenerator random, String self, boolean withComponent) {
    ObjectNode c = NODES.objectNode();
    switch (random.nextInt(withComponent ? 5 : 4)) {
      case 0 -> {
        c.put("@type", "Property").put("name", name).set("schema", schema(random, 3));
        if (random.nextBoolean()) {
          c.put("writable", random.nextBoolean());
        }
      }
      case 1 -> c.put("@type", "Telemetry").put("name", name).set("schema", schema(random, 3));
      case 2 -> {
        c.put("@type", "Relationship").put("name", name);
        if (random.nextBoolean()) {
          c.put("target", self);
        }
        if (random.nextBoolean()) {
          c.put("maxMultiplicity", 1 + random.nextInt(500));
        }
      }
      case 3 -> {
        c.put("@type", "Command").put("name", name);
        if (random.nextBoolean()) {
          c.putObject("request").put("name", "req").set("schema", schema(random, 2));
        }
        if (random.nextBoolean()) {
          c.putObject("response").put("name", "res").set("schema", schema(random, 2));
        }
      }
      default -> c.put("@type", "Component").put("name", name).put("schema", PART);
    }
    return c;
  }

  private static com.fasterxml.jackson.databind.JsonNode schema(RandomGenerator random, int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return NODES.textNode(PRIMITIVES[random.nextInt(PRIMITIVES.length)]);
    }
    ObjectNode s = NODES.objectNode();
    switch (random.nextInt(4)) {
      case 0 -> {
        s.put("@type", "Object");
        ArrayNode fields = s.putArray("fields");
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
          fields.addObject().put("name", "f" + i).set("schema", schema(random, depth - 1));
        }
      }
      case 1 -> s.put("@type", "Array").set("elementSchema", schema(random, depth - 1));
      case 2 -> {
        s.put("@type", "Map");
        s.putObject("mapKey").put("name", "k").put("schema", "string");
        s.putObject("mapValue").put("name", "v").set("schema", schema(random, depth - 1));
      }
      default -> {
        boolean integers = random.nextBoolean();
        s.put("@type", "Enum").put("valueSchema", integers ? "integer" : "string");
        ArrayNode values = s.putArray("enumValues");
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
          ObjectNode v = values.addObject().put("name", "e" + i);
          if (integers) {
            v.put("enumValue", i);
          } else {
            v.put("enumValue", "v" + i);
          }
        }
      }
    }
    return s;
  }

  /** A Property whose schema is an Object nested {@code depth} levels: valid JSON, far past DTDL's depth limit. */
  static String deepObjectSchema(int depth) {
    StringBuilder schema = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      schema.append("{\"@type\":\"Object\",\"fields\":[{\"name\":\"f\",\"schema\":");
    }
    schema.append("\"double\"");
    schema.append("}]}".repeat(depth));
    return "{\"@context\":\"dtmi:dtdl:context;3\",\"@id\":\"" + MAIN + "\",\"@type\":\"Interface\","
        + "\"contents\":[{\"@type\":\"Property\",\"name\":\"p\",\"schema\":" + schema + "}]}";
  }

  /** {@code count} interfaces, each extending the next: far past DTDL's limit on extends depth. */
  static List<String> extendsChain(int count) {
    List<String> docs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ObjectNode node = NODES.objectNode().put("@context", "dtmi:dtdl:context;3").put("@id", "dtmi:fuzz:C" + i + ";1")
          .put("@type", "Interface");
      if (i + 1 < count) {
        node.put("extends", "dtmi:fuzz:C" + (i + 1) + ";1");
      }
      docs.add(node.toString());
    }
    return docs;
  }
}
