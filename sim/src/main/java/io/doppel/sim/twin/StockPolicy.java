package io.doppel.sim.twin;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.sim.dist.Distribution;
import io.doppel.sim.dist.Invalid;
import io.doppel.sim.network.Inventory;
import io.doppel.sim.network.StationSpec;

/**
 * A station twin's {@code Inventory} property, an Object {@code {policy, reorderPoint, level, leadTime, shortage,
 * initialStock}}, as the engine's stock in front of the station: {@code policy} {@code sS} (order up to
 * {@code level} when the position falls to {@code reorderPoint}; default) or {@code rQ} (order {@code level} at a
 * time), {@code leadTime} seconds (exponential), {@code shortage} {@code lost} (default) or {@code backorder},
 * {@code initialStock} defaulting to the policy's full level. Rejections name the twin, property and field.
 */
final class StockPolicy {
  private StockPolicy() {}

  static StationSpec apply(SimTwin twin, String at, StationSpec spec) {
    String name = NetworkCompiler.name(twin, SimVocabulary.INVENTORY);
    JsonNode v = SimGraph.value(twin.properties(), name);
    if (v == null) {
      return spec;
    }
    String path = at + "." + name;
    if (!v.isObject()) {
      throw Invalid.field(path, "must be an object {policy, reorderPoint, level, leadTime, shortage}, was " + v);
    }
    String policy = text(v, path, "policy", "sS");
    int reorderPoint = integer(v, path, "reorderPoint", 0);
    int level = integer(v, path, "level", 1);
    JsonNode lead = v.get("leadTime");
    if (lead == null || !lead.isNumber()) {
      throw Invalid.field(path + ".leadTime", "is required (a number of seconds > 0)");
    }
    Distribution leadTime = Distribution.exponential(Invalid.positive(path + ".leadTime", lead.asDouble()));
    Inventory.Shortage shortage = switch (text(v, path, "shortage", "lost")) {
      case "lost" -> Inventory.Shortage.LOST;
      case "backorder" -> Inventory.Shortage.BACKORDER;
      default -> throw Invalid.field(path + ".shortage", "must be lost or backorder, was " + v.get("shortage"));
    };
    Inventory inventory = switch (policy) {
      case "sS" -> {
        if (level <= reorderPoint) {
          throw Invalid.field(path + ".level", "the order-up-to level must be > reorderPoint (" + reorderPoint
              + "), was " + level);
        }
        yield Inventory.sS(reorderPoint, level, leadTime, shortage);
      }
      case "rQ" -> Inventory.rQ(reorderPoint, level, leadTime, shortage);
      default -> throw Invalid.field(path + ".policy", "must be sS or rQ, was '" + policy + "'");
    };
    if (v.has("initialStock")) {
      inventory = inventory.withInitialStock(integer(v, path, "initialStock", 0));
    }
    return spec.withInventory(inventory);
  }

  private static String text(JsonNode v, String path, String field, String fallback) {
    JsonNode f = v.get(field);
    if (f == null || f.isNull()) {
      return fallback;
    }
    if (!f.isTextual()) {
      throw Invalid.field(path + "." + field, "must be a string, was " + f);
    }
    return f.asText();
  }

  private static int integer(JsonNode v, String path, String field, int min) {
    JsonNode f = v.get(field);
    if (f == null || !f.isIntegralNumber() || f.asLong() < min || f.asLong() > 1_000_000_000) {
      throw Invalid.field(path + "." + field, "is required (an integer in [" + min + ", 1000000000]), was "
          + (f == null ? "missing" : f.toString()));
    }
    return f.asInt();
  }
}
