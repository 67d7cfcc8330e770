package io.doppel.sim.twin;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A flow relationship between two simulation twins, with its own property values. */
public record SimFlowEdge(String id, String source, String target, String name, ObjectNode properties) {}
