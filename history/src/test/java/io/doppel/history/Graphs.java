package io.doppel.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import io.doppel.twin.DoppelException;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.Precondition;
import io.doppel.twin.RelationshipView;
import io.doppel.twin.TwinEngine;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** A small graph model (nodes that feed each other), random writes over it, and a full description of a snapshot. */
final class Graphs {
  static final String NODE = "dtmi:test:Node;1";
  static final String TANK = "dtmi:test:Tank;1";
  static final List<String> MODELS = List.of("""
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Node;1","@type":"Interface",
       "contents":[{"@type":"Property","name":"level","schema":"double","writable":true},
                   {"@type":"Property","name":"label","schema":"string","writable":true},
                   {"@type":"Relationship","name":"feeds","properties":[
                     {"@type":"Property","name":"weight","schema":"double","writable":true}]}]}
      """, """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Tank;1","@type":"Interface","extends":"dtmi:test:Node;1",
       "contents":[]}
      """);

  private Graphs() {}

  /** One random write; a refusal (a twin that does not exist, a delete of a twin with relationships) is fine. */
  static void randomWrite(TwinEngine engine, Random random) {
    String a = "n" + random.nextInt(6);
    String b = "n" + random.nextInt(6);
    try {
      switch (random.nextInt(7)) {
        case 0, 1 -> engine.putTwin(a, Sensors.object("""
            {"$metadata":{"$model":"%s"},"level":%d.5,"label":"l%d"}
            """.formatted(random.nextBoolean() ? NODE : TANK, random.nextInt(100), random.nextInt(5))),
            Precondition.none());
        case 2 -> engine.patchTwin(a, Sensors.array("[{\"op\":\"replace\",\"path\":\"/level\",\"value\":"
            + random.nextInt(100) + ".25}]"), Precondition.none());
        case 3 -> engine.deleteTwin(a, Precondition.none());
        case 4 -> engine.putRelationship(a, "r" + random.nextInt(3), Sensors.object("""
            {"$targetId":"%s","$relationshipName":"feeds","weight":%d.5}
            """.formatted(b, random.nextInt(10))), Precondition.none());
        case 5 -> engine.patchRelationship(a, "r" + random.nextInt(3), Sensors.array(
            "[{\"op\":\"replace\",\"path\":\"/weight\",\"value\":" + random.nextInt(10) + ".75}]"),
            Precondition.none());
        default -> engine.deleteRelationship(a, "r" + random.nextInt(3), Precondition.none());
      }
    } catch (DoppelException refused) {
      // the random write did not apply: nothing changed
    }
  }

  /** Everything a query can read of a snapshot, as text, so that two snapshots compare as strings. */
  static String describe(GraphSnapshot g) {
    StringBuilder out = new StringBuilder("count=" + g.twinCount() + "\n");
    List<String> ids = new ArrayList<>();
    g.twinIds("", null).forEachRemaining(ids::add);
    for (String id : ids) {
      ObjectNode json = g.twin(id).json();
      out.append("twin ").append(id).append(' ').append(json).append(" model=").append(g.modelOf(id)).append('\n');
      for (RelationshipView r : g.outgoing(id, null)) {
        out.append("  out ").append(r.id()).append(' ').append(r.etag()).append(' ').append(r.json()).append('\n');
      }
      for (RelationshipView r : g.incoming(id, "feeds")) {
        out.append("  in ").append(r.sourceId()).append('/').append(r.id()).append('\n');
      }
    }
    out.append("tanks ").append(list(g.twinIdsOfModels(Set.of(Dtmi.parse(TANK)), null))).append('\n');
    out.append("after n2 ").append(list(g.twinIds("n", "n2"))).append('\n');
    return out.toString();
  }

  private static List<String> list(Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
