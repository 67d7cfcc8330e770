package io.doppel.stream.rules;

import org.jspecify.annotations.Nullable;

/**
 * A definition compiled against its model: the resolved expressions, what they read, and the property the rule
 * writes (a derived rule's target, an alert's state property), if any.
 *
 * @param integerTarget the target is an integer schema: results are rounded before they are written
 */
record Rule(
    RuleDefinition definition,
    @Nullable Expr expression,
    @Nullable Expr condition,
    @Nullable Expr clear,
    Dependencies reads,
    @Nullable String writes,
    Type writeType,
    boolean integerTarget) {

  String id() {
    return definition.id();
  }

  boolean derived() {
    return definition.kind() == RuleDefinition.Kind.DERIVED;
  }
}
