package io.doppel.stream.rules;

import io.doppel.model.Content;
import io.doppel.model.InterfaceModel;
import io.doppel.model.ModelCatalog;
import io.doppel.model.PrimitiveType;
import io.doppel.model.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks a definition against the models loaded now and compiles it: expressions resolved and typed, the target
 * (or alert property) a writable property of a type the result fits, and no cycle through the rules already defined.
 */
final class RuleCompiler {
  private RuleCompiler() {}

  static Rule compile(RuleDefinition d, ModelCatalog catalog) {
    InterfaceModel model = catalog.get(d.model()).orElseThrow(() ->
        RuleErrors.field("model", "model " + d.model() + " is not loaded"));
    if (d.kind() == RuleDefinition.Kind.DERIVED) {
      Content.Property target = writableProperty(model, "target", d.target());
      Type wanted = Type.of(target.schema());
      if (wanted == null) {
        throw RuleErrors.field("target", "'" + d.target() + "' is not a number, string or boolean property");
      }
      Resolver.Resolved e = Resolver.compile("expression", d.expression(), model, catalog);
      if (!e.type().fits(wanted)) {
        throw RuleErrors.field("expression", "yields a " + e.type().label() + " but target '" + d.target()
            + "' is a " + wanted.label());
      }
      return new Rule(d, e.expr(), null, null, Dependencies.of(e.expr()), d.target(), wanted,
          integer(target.schema()));
    }
    Resolver.Resolved condition = bool(Resolver.compile("condition", d.condition(), model, catalog), "condition");
    Resolver.Resolved clear = d.clear() == null ? null
        : bool(Resolver.compile("clear", d.clear(), model, catalog), "clear");
    Type writeType = Type.ANY;
    if (d.property() != null) {
      writeType = Type.of(writableProperty(model, "property", d.property()).schema());
      if (writeType != Type.BOOLEAN && writeType != Type.STRING) {
        throw RuleErrors.field("property", "'" + d.property() + "' must be a boolean (true while active) or a string "
            + "(ok, pending or active) property");
      }
    }
    Dependencies reads = clear == null ? Dependencies.of(condition.expr())
        : Dependencies.of(condition.expr(), clear.expr());
    return new Rule(d, null, condition.expr(), clear == null ? null : clear.expr(), reads, d.property(), writeType,
        false);
  }

  /**
   * Refuses {@code rule} if it closes a cycle with {@code others}: a rule that writes a name another rule reads
   * (on the twin or on a neighbour, whatever the model) feeds it, and a loop of feeding rules could write forever.
   * Names are compared without models or relationships, so this is stricter than needed, never looser.
   */
  static void checkCycles(Rule rule, Collection<Rule> others) {
    Map<String, Rule> all = new HashMap<>();
    others.forEach(r -> all.put(r.id(), r));
    all.put(rule.id(), rule);
    List<Rule> path = new ArrayList<>();
    path.add(rule);
    List<Rule> cycle = search(rule, rule, all, path);
    if (cycle != null) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < cycle.size(); i++) {
        Rule from = cycle.get(i);
        Rule to = cycle.get((i + 1) % cycle.size());
        text.append(i == 0 ? "" : ", ").append("rule '").append(from.id()).append("' writes '").append(from.writes())
            .append("' which rule '").append(to.id()).append("' reads");
      }
      throw RuleErrors.field(rule.derived() ? "expression" : "property", "the rules would feed each other without "
          + "end: " + text);
    }
  }

  private static @Nullable List<Rule> search(Rule start, Rule at, Map<String, Rule> all, List<Rule> path) {
    if (at.writes() == null) {
      return null;
    }
    for (Rule next : all.values()) {
      if (!next.reads().allNames().contains(at.writes())) {
        continue;
      }
      if (next.id().equals(start.id())) {
        return List.copyOf(path);
      }
      if (path.contains(next)) {
        continue; // a cycle not through the new rule was refused when it was defined
      }
      path.add(next);
      List<Rule> found = search(start, next, all, path);
      if (found != null) {
        return found;
      }
      path.remove(path.size() - 1);
    }
    return null;
  }

  private static Resolver.Resolved bool(Resolver.Resolved e, String field) {
    if (!e.type().fits(Type.BOOLEAN)) {
      throw RuleErrors.field(field, "must be true or false, but yields a " + e.type().label());
    }
    return e;
  }

  private static Content.Property writableProperty(InterfaceModel model, String field, @Nullable String name) {
    Content c = name == null ? null : model.contents().get(name);
    if (!(c instanceof Content.Property p)) {
      throw RuleErrors.field(field, "model " + model.id() + " declares no property '" + name + "'"
          + (c == null ? "" : " (it is not a property)"));
    }
    if (!p.writable()) {
      throw RuleErrors.field(field, "property '" + name + "' of " + model.id() + " is not writable");
    }
    return p;
  }

  private static boolean integer(Schema schema) {
    PrimitiveType p = schema instanceof Schema.Primitive prim ? prim.type()
        : schema instanceof Schema.EnumSchema e ? e.valueSchema() : null;
    return p != null && p.isNumeric() && p != PrimitiveType.DOUBLE && p != PrimitiveType.FLOAT
        && p != PrimitiveType.DECIMAL;
  }
}
