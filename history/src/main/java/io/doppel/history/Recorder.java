package io.doppel.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import io.doppel.twin.TwinEvent;
import io.doppel.twin.patch.JsonPointer;
import org.jspecify.annotations.Nullable;

/**
 * Turns the engine's durable twin changes into points at the change's time: a created or replaced twin records every
 * leaf it holds, a patch records the leaves under each path it adds, replaces, copies or moves to (a removal records
 * nothing: the series simply has no newer point). Runs on the history's writer thread, never on the engine's.
 */
final class Recorder {
  /** Receives the points of one event. */
  @FunctionalInterface
  interface Sink {
    void point(String twinId, Dtmi model, String name, long time, double value, @Nullable String text);
  }

  private Recorder() {}

  static void record(TwinEvent event, Sink sink) {
    switch (event) {
      case TwinEvent.TwinCreated c -> whole(c.twinId(), c.model(), c.time().toEpochMilli(), c.twin(), sink);
      case TwinEvent.TwinReplaced r -> whole(r.twinId(), r.model(), r.time().toEpochMilli(), r.twin(), sink);
      case TwinEvent.TwinPatched p -> patched(p, sink);
      case TwinEvent.TwinDeleted d -> { } // history outlives the twin; retention drops it
      case TwinEvent.RelationshipCreated r -> { }
      case TwinEvent.RelationshipReplaced r -> { }
      case TwinEvent.RelationshipPatched r -> { }
      case TwinEvent.RelationshipDeleted r -> { }
      case TwinEvent.ModelsAdded m -> { }
      case TwinEvent.ModelDeleted m -> { }
      case TwinEvent.ModelDecommissioned m -> { }
    }
  }

  private static void whole(String twinId, Dtmi model, long time, ObjectNode twin, Sink sink) {
    Leaves.members(twin, "", (name, value, text) -> sink.point(twinId, model, name, time, value, text));
  }

  private static void patched(TwinEvent.TwinPatched p, Sink sink) {
    long time = p.time().toEpochMilli();
    for (JsonNode op : p.patch()) {
      String kind = op.path("op").asText();
      if (!kind.equals("add") && !kind.equals("replace") && !kind.equals("copy") && !kind.equals("move")) {
        continue;
      }
      JsonPointer path = JsonPointer.parse(op.path("path").asText());
      if (path.isRoot()) {
        whole(p.twinId(), p.model(), time, p.twin(), sink);
        continue;
      }
      JsonNode value = p.twin();
      String name = "";
      boolean system = false;
      for (String token : path.tokens()) {
        system |= token.startsWith("$");
        value = value.path(token);
        name = Leaves.join(name, token);
      }
      if (!system && !value.isMissingNode()) {
        Leaves.value(value, name, (leaf, v, text) -> sink.point(p.twinId(), p.model(), leaf, time, v, text));
      }
    }
  }
}
