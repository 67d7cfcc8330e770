package io.doppel.query;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Random queries from the grammar of docs/query.md over the names of the {@link Buildings} graph: sources
 * (DIGITALTWINS with an alias, JOIN ... RELATED, MATCH with hops, RELATIONSHIPS), projections, TOP, COUNT and
 * WHERE conditions with comparisons, IN/NIN, functions, NOT and parentheses. Each is valid by construction.
 */
final class RandomQueries {
  private static final List<String> TWIN_FIELDS = List.of("$dtId", "name", "temperature", "status", "level",
      "occupied", "hvac.mode", "hvac.setPoint", "tags", "zones.[[1north]]", "$metadata.$model", "serialNumber",
      "reading", "$etag");
  private static final List<String> REL_FIELDS = List.of("$relationshipName", "$targetId", "$sourceId",
      "$relationshipId", "latencyMs");
  private static final List<String> IDS = List.of("'b1'", "'floor-1'", "'floor-2'", "'room-12'", "'room-22'",
      "'pump-1'", "'sensor-211'", "'nope'");
  private static final List<String> LITERALS = List.of("1", "2", "20.5", "25", "-3", "0", "true", "false", "null",
      "'ok'", "'warn'", "'fault'", "'HQ'", "'heat'", "'lab'", "'dtmi:com:example:Room;1'", "''", "'x\\'y'", "1e3");
  private static final List<String> MODELS = List.of("'dtmi:com:example:Room;1'", "'dtmi:com:example:Space;1'",
      "'dtmi:com:example:Pump;1'", "'dtmi:com:example:Floor;1'", "'dtmi:com:example:Nope;1'");
  private static final List<String> COMPARE = List.of("=", "!=", "<", "<=", ">", ">=");
  private static final List<String> TYPE_CHECKS = List.of("IS_DEFINED", "IS_NULL", "IS_BOOL", "IS_NUMBER",
      "IS_STRING", "IS_PRIMITIVE", "IS_OBJECT");
  private static final List<String> STRING_FUNCTIONS = List.of("STARTSWITH", "ENDSWITH", "CONTAINS");

  private RandomQueries() {}

  /** A query and, when its rows are countable, the same query as SELECT COUNT() (for a differential check). */
  record Generated(String query, String count) {}

  static Generated next(RandomGenerator r) {
    return switch (r.nextInt(4)) {
      case 0 -> twins(r);
      case 1 -> join(r);
      case 2 -> match(r);
      default -> relationships(r);
    };
  }

  private static Generated twins(RandomGenerator r) {
    String where = r.nextInt(4) == 0 ? "" : " WHERE " + condition(r, List.of("T"), TWIN_FIELDS, 3);
    String from = " FROM DIGITALTWINS T" + where;
    String projection = switch (r.nextInt(4)) {
      case 0 -> "*";
      case 1 -> "T";
      case 2 -> "T.$dtId, T." + pick(r, TWIN_FIELDS) + " AS v";
      default -> "T.$dtId";
    };
    return new Generated("SELECT " + projection + from, "SELECT COUNT()" + from);
  }

  private static Generated join(RandomGenerator r) {
    StringBuilder q = new StringBuilder(" FROM DIGITALTWINS A JOIN B RELATED A.contains");
    List<String> aliases = List.of("A", "B");
    if (r.nextBoolean()) {
      q.append(" JOIN C RELATED B.contains");
      aliases = List.of("A", "B", "C");
    }
    q.append(" WHERE A.$dtId = ").append(pick(r, IDS));
    if (r.nextBoolean()) {
      q.append(" AND ").append(condition(r, aliases, TWIN_FIELDS, 2));
    }
    return new Generated("SELECT " + String.join(", ", aliases) + q, "SELECT COUNT()" + q);
  }

  private static Generated match(RandomGenerator r) {
    String rel = pick(r, List.of("contains", "calls", "contains|calls"));
    int min = 1 + r.nextInt(2);
    String hops = switch (r.nextInt(4)) {
      case 0 -> "";
      case 1 -> "*" + min;
      case 2 -> "*.." + (min + r.nextInt(3));
      default -> "*" + min + ".." + (min + 1 + r.nextInt(2));
    };
    String arrow = pick(r, List.of("-[:%s%s]->", "<-[:%s%s]-", "-[:%s%s]-")).formatted(rel, hops);
    String q = " FROM DIGITALTWINS MATCH (a)" + arrow + "(b) WHERE a.$dtId = " + pick(r, IDS)
        + (r.nextBoolean() ? " AND " + condition(r, List.of("b"), TWIN_FIELDS, 2) : "");
    return new Generated("SELECT a, b" + q, "SELECT COUNT()" + q);
  }

  private static Generated relationships(RandomGenerator r) {
    String q = " FROM RELATIONSHIPS R" + (r.nextBoolean() ? "" : " WHERE " + condition(r, List.of("R"), REL_FIELDS, 2));
    return new Generated("SELECT R.$relationshipId, R." + pick(r, REL_FIELDS) + " AS v" + q, "SELECT COUNT()" + q);
  }

  private static String condition(RandomGenerator r, List<String> aliases, List<String> fields, int depth) {
    String alias = pick(r, aliases);
    String field = alias + "." + pick(r, fields);
    if (depth > 0) {
      switch (r.nextInt(8)) {
        case 0 -> {
          return condition(r, aliases, fields, depth - 1) + " AND " + condition(r, aliases, fields, depth - 1);
        }
        case 1 -> {
          return condition(r, aliases, fields, depth - 1) + " OR " + condition(r, aliases, fields, depth - 1);
        }
        case 2 -> {
          return "NOT (" + condition(r, aliases, fields, depth - 1) + ")";
        }
        case 3 -> {
          return "(" + condition(r, aliases, fields, depth - 1) + ")";
        }
        default -> { }
      }
    }
    return switch (r.nextInt(6)) {
      case 0 -> field + " " + pick(r, List.of("IN", "NIN")) + " [" + pick(r, LITERALS) + ", " + pick(r, LITERALS) + "]";
      case 1 -> pick(r, TYPE_CHECKS) + "(" + field + ")";
      case 2 -> pick(r, STRING_FUNCTIONS) + "(" + field + ", " + pick(r, List.of("'room'", "'pump-'", "'1'", "''")) + ")";
      case 3 -> fields == REL_FIELDS ? field + " = " + pick(r, IDS) : "IS_OF_MODEL(" + alias + ", " + pick(r, MODELS) + (r.nextBoolean() ? ", exact" : "") + ")";
      case 4 -> "ARRAY_CONTAINS(" + field + ", " + pick(r, LITERALS) + ")";
      default -> field + " " + pick(r, COMPARE) + " " + pick(r, LITERALS);
    };
  }

  private static String pick(RandomGenerator r, List<String> from) {
    return from.get(r.nextInt(from.size()));
  }
}
