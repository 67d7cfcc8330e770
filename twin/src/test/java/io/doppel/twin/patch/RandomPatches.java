package io.doppel.twin.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Random JSON documents and random RFC 6902 operation lists over them: paths are mostly ones the document has
 * (so operations reach deep into it), sometimes near misses (a missing member, an index one past the end,
 * {@code -}, escaped tokens), and values are random trees.
 */
final class RandomPatches {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] KEYS = {"a", "b", "c", "~", "/", "a/b", "~1", "", "-", "0", "x y"};
  private static final String[] OPS = {"add", "remove", "replace", "move", "copy", "test"};

  record Case(JsonNode document, ArrayNode patch) {}

  private RandomPatches() {}

  static Case next(RandomGenerator r) {
    JsonNode doc = r.nextInt(8) == 0 ? value(r, 1) : object(r, 3);
    List<String> paths = new ArrayList<>();
    collect(doc, "", paths);
    ArrayNode patch = NODES.arrayNode();
    int n = 1 + r.nextInt(5);
    for (int i = 0; i < n; i++) {
      String op = OPS[r.nextInt(OPS.length)];
      ObjectNode o = patch.addObject().put("op", op).put("path", path(r, paths));
      if (op.equals("move") || op.equals("copy")) {
        o.put("from", path(r, paths));
      }
      if (op.equals("add") || op.equals("replace") || op.equals("test")) {
        o.set("value", r.nextInt(3) == 0 ? at(doc, paths.get(r.nextInt(paths.size()))) : value(r, 2));
      }
    }
    return new Case(doc, patch);
  }

  private static String path(RandomGenerator r, List<String> paths) {
    String known = paths.get(r.nextInt(paths.size()));
    return switch (r.nextInt(6)) {
      case 0 -> known + "/" + escape(KEYS[r.nextInt(KEYS.length)]);
      case 1 -> known + "/" + pick(r, "-", "0", "1", "7", "01", "99999999999");
      default -> known;
    };
  }

  private static String pick(RandomGenerator r, String... options) {
    return options[r.nextInt(options.length)];
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static JsonNode at(JsonNode doc, String pointer) {
    JsonNode node = doc.at(com.fasterxml.jackson.core.JsonPointer.compile(pointer));
    return node.isMissingNode() ? NODES.nullNode() : node.deepCopy();
  }

  private static void collect(JsonNode node, String path, List<String> out) {
    out.add(path);
    if (node.isObject()) {
      node.properties().forEach(e -> collect(e.getValue(), path + "/" + escape(e.getKey()), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), path + "/" + i, out);
      }
    }
  }

  private static ObjectNode object(RandomGenerator r, int depth) {
    ObjectNode o = NODES.objectNode();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      o.set(KEYS[r.nextInt(KEYS.length)], value(r, depth - 1));
    }
    return o;
  }

  static JsonNode value(RandomGenerator r, int depth) {
    if (depth <= 0) {
      return scalar(r);
    }
    return switch (r.nextInt(4)) {
      case 0 -> object(r, depth);
      case 1 -> {
        ArrayNode a = NODES.arrayNode();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          a.add(value(r, depth - 1));
        }
        yield a;
      }
      default -> scalar(r);
    };
  }

  private static JsonNode scalar(RandomGenerator r) {
    return switch (r.nextInt(6)) {
      case 0 -> NODES.numberNode(r.nextInt(-3, 4));
      case 1 -> NODES.numberNode(r.nextInt(3) + 0.5);
      case 2 -> NODES.textNode(pick(r, "", "x", "1", "~0"));
      case 3 -> NODES.booleanNode(r.nextBoolean());
      case 4 -> NODES.nullNode();
      default -> NODES.numberNode(r.nextInt(2)); // 0 and 1 again: test ops compare 1 with 1.0
    };
  }
}
