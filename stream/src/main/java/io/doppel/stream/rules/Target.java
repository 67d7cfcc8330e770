package io.doppel.stream.rules;

/** One rule applied to one twin: the unit the engine evaluates, once per batch of changes however many touch it. */
record Target(String ruleId, String twinId) {}
