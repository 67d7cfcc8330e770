package io.doppel.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Mutations that keep JSON well-formed, so inputs get past the JSON reader into the rules behind it: the seeds are
 * parsed once, and each input is a copy of one with one to four tree edits (a node replaced by a dictionary value
 * or a random scalar, a member or element deleted, duplicated or swapped, a key renamed to a dictionary key, a node
 * wrapped in an array or object, sometimes hundreds of levels deep). One input in four also gets a byte-level
 * {@link Mutator} edit, so well-formedness is not all it ever sees.
 */
public final class JsonMutator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final List<JsonNode> seeds;
  private final List<JsonNode> values;
  private final List<String> keys;
  private final Mutator bytes;

  /**
   * @param seeds JSON texts (texts that are not JSON are skipped; at least one must be)
   * @param dictionary tokens of the target: JSON values among them are used as values, strings as keys too
   * @param maxLength the longest input, in bytes
   */
  public JsonMutator(List<String> seeds, List<String> dictionary, int maxLength) {
    this.seeds = seeds.stream().map(JsonMutator::parse).filter(n -> n != null).toList();
    if (this.seeds.isEmpty()) {
      throw new IllegalArgumentException("no seed is JSON");
    }
    List<JsonNode> vals = new ArrayList<>(List.of(NODES.nullNode(), NODES.booleanNode(true), NODES.numberNode(0),
        NODES.numberNode(-1), NODES.numberNode(1e300), NODES.numberNode(Long.MAX_VALUE), NODES.textNode(""),
        NODES.textNode("x"), NODES.objectNode(), NODES.arrayNode()));
    List<String> ks = new ArrayList<>(List.of("", "x", "$metadata", "@id"));
    for (String token : dictionary) {
      JsonNode value = parse(token);
      if (value != null) {
        vals.add(value);
        if (value.isTextual()) {
          ks.add(value.asText());
        }
      }
    }
    this.values = List.copyOf(vals);
    this.keys = List.copyOf(ks);
    this.bytes = Mutator.ofText(seeds, dictionary, maxLength);
  }

  public String nextText(RandomGenerator random) {
    JsonNode root = seeds.get(random.nextInt(seeds.size())).deepCopy();
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits; i++) {
      root = edit(root, random);
    }
    String text;
    try {
      text = root.toString();
    } catch (RuntimeException tooDeepToWrite) {
      return bytes.nextText(random); // Jackson writes at most 1,000 levels; the byte mutator nests deeper
    }
    if (random.nextInt(4) == 0) {
      return new Mutator(List.of(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), List.of(), 1 << 20)
          .nextText(random);
    }
    return text;
  }

  /** Half tree edits, half byte edits of the raw seeds: both kinds of input in one generator. */
  public String nextMixed(RandomGenerator random) {
    return random.nextBoolean() ? nextText(random) : bytes.nextText(random);
  }

  private JsonNode edit(JsonNode root, RandomGenerator random) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    if (containers.isEmpty()) {
      return value(random);
    }
    JsonNode parent = containers.get(random.nextInt(containers.size()));
    int kind = random.nextInt(9);
    if (parent instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      String name = names.isEmpty() ? null : names.get(random.nextInt(names.size()));
      switch (kind) {
        case 0, 1, 2 -> object.set(name != null && random.nextInt(4) > 0 ? name : key(random), value(random));
        case 3 -> {
          if (name != null) {
            object.remove(name);
          }
        }
        case 4 -> {
          if (name != null) {
            JsonNode moved = object.remove(name);
            object.set(key(random), moved);
          }
        }
        case 5 -> {
          if (name != null) {
            object.set(name, wrap(object.get(name), random));
          }
        }
        case 6 -> {
          if (name != null) {
            object.set(name, subtree(root, random).deepCopy());
          }
        }
        default -> {
          if (name != null) {
            object.set(name, nest(object.get(name), random));
          }
        }
      }
    } else if (parent instanceof ArrayNode array) {
      int at = array.isEmpty() ? 0 : random.nextInt(array.size());
      switch (kind) {
        case 0, 1, 2 -> {
          if (array.isEmpty()) {
            array.add(value(random));
          } else {
            array.set(at, value(random));
          }
        }
        case 3 -> {
          if (!array.isEmpty()) {
            array.remove(at);
          }
        }
        case 4 -> {
          if (!array.isEmpty()) {
            array.insert(at, array.get(at).deepCopy()); // duplicate an element
          }
        }
        case 5 -> {
          if (!array.isEmpty()) {
            array.set(at, wrap(array.get(at), random));
          }
        }
        case 6 -> array.add(subtree(root, random).deepCopy());
        default -> {
          if (!array.isEmpty()) {
            array.set(at, nest(array.get(at), random));
          }
        }
      }
    }
    return root;
  }

  private JsonNode value(RandomGenerator random) {
    return switch (random.nextInt(6)) {
      case 0 -> NODES.numberNode(random.nextInt(-1_000, 1_000));
      case 1 -> NODES.numberNode(random.nextDouble() * 100);
      default -> values.get(random.nextInt(values.size())).deepCopy();
    };
  }

  private String key(RandomGenerator random) {
    return keys.get(random.nextInt(keys.size()));
  }

  private static JsonNode wrap(JsonNode node, RandomGenerator random) {
    if (random.nextBoolean()) {
      ArrayNode array = NODES.arrayNode();
      array.add(node);
      return array;
    }
    ObjectNode object = NODES.objectNode();
    object.set(node.isTextual() ? node.asText() : "value", node);
    return object;
  }

  /** The node wrapped 2 to 512 levels deep in arrays: nesting that recursive readers must bound. */
  private static JsonNode nest(JsonNode node, RandomGenerator random) {
    int depth = 1 << (1 + random.nextInt(9));
    JsonNode out = node;
    for (int i = 0; i < depth; i++) {
      ArrayNode array = NODES.arrayNode();
      array.add(out);
      out = array;
    }
    return out;
  }

  private static JsonNode subtree(JsonNode root, RandomGenerator random) {
    List<JsonNode> all = new ArrayList<>();
    collectAll(root, all);
    return all.get(random.nextInt(all.size()));
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode() && out.size() < 10_000) {
      out.add(node);
      if (node.isObject()) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          collect(e.getValue(), out);
        }
      } else {
        node.forEach(child -> collect(child, out));
      }
    }
  }

  private static void collectAll(JsonNode node, List<JsonNode> out) {
    if (out.size() >= 10_000) {
      return;
    }
    out.add(node);
    node.forEach(child -> collectAll(child, out));
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
