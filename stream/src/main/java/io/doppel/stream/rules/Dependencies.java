package io.doppel.stream.rules;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What an expression reads, so that only the changes that can alter its value re-evaluate it: the top-level names
 * of the twin itself (properties and telemetry), and per relationship name and direction the top-level names read on
 * the neighbours (empty for a bare {@code count}, which only follows the relationships).
 */
record Dependencies(Set<String> self, Map<Edge, Set<String>> neighbours) {
  /** A relationship name followed outgoing ({@code rel}) or incoming ({@code rel_in}). */
  record Edge(Expr.Direction direction, String name) {}

  Dependencies {
    self = Set.copyOf(self);
    Map<Edge, Set<String>> copy = new HashMap<>();
    neighbours.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
    neighbours = Map.copyOf(copy);
  }

  static Dependencies of(Expr... expressions) {
    Set<String> self = new HashSet<>();
    Map<Edge, Set<String>> neighbours = new HashMap<>();
    for (Expr e : expressions) {
      collect(e, self, neighbours);
    }
    return new Dependencies(self, neighbours);
  }

  /** Every top-level name read, on the twin or on a neighbour: what a write to a property could feed into. */
  Set<String> allNames() {
    Set<String> all = new HashSet<>(self);
    neighbours.values().forEach(all::addAll);
    return all;
  }

  private static void collect(Expr e, Set<String> self, Map<Edge, Set<String>> neighbours) {
    switch (e) {
      case Expr.Literal l -> { }
      case Expr.Path p -> self.add(p.segments().get(0));
      case Expr.Read r -> self.add(r.segments().get(0));
      case Expr.Unary u -> collect(u.operand(), self, neighbours);
      case Expr.Binary b -> {
        collect(b.left(), self, neighbours);
        collect(b.right(), self, neighbours);
      }
      case Expr.Anomaly a -> collect(a.target(), self, neighbours);
      case Expr.Warning w -> collect(w.target(), self, neighbours);
      case Expr.Aggregate a -> {
        Set<String> names = neighbours.computeIfAbsent(
            new Edge(a.neighbours().direction(), a.neighbours().name()), k -> new HashSet<>());
        if (a.path() != null) {
          names.add(a.path().segments().get(0));
        }
      }
    }
  }
}
