/**
 * Rules evaluated as changes arrive: derived properties kept up to date from a twin's own properties, its latest
 * telemetry and aggregates over its neighbours, and alerts with hysteresis and a hold time. Expressions are parsed
 * by {@link io.doppel.stream.rules.ExprParser}, checked against the rule's model when the rule is defined, and
 * evaluated by {@link io.doppel.stream.rules.RuleEngine} on its own thread (never the engine's writer).
 */
@org.jspecify.annotations.NullMarked
package io.doppel.stream.rules;
