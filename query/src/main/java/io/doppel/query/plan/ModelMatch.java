package io.doppel.query.plan;

import io.doppel.model.Dtmi;
import io.doppel.model.InterfaceModel;
import io.doppel.model.ModelCatalog;
import java.util.HashSet;
import java.util.Set;

/**
 * Which models {@code IS_OF_MODEL} accepts, by ADT's versioning rule: without {@code exact}, a twin matches when its
 * model, or a model it extends, has the asked DTMI without its version and a version at least the asked one
 * ({@code IS_OF_MODEL('dtmi:x:Widget;4')} accepts Widget;4, Widget;5, and whatever extends either). With
 * {@code exact}, only the asked DTMI itself. The planner's model index and the evaluator share this one definition,
 * so a query answers the same whichever way it reads the twins.
 */
public final class ModelMatch {
  private ModelMatch() {}

  /**
   * Every model a twin may have to match: the loaded models as above, and the asked DTMI itself (a twin may keep a
   * model that was deleted; it still matches the DTMI it names).
   */
  public static Set<Dtmi> accepted(ModelCatalog catalog, Dtmi asked, boolean exact) {
    if (exact) {
      return Set.of(asked);
    }
    Set<Dtmi> out = new HashSet<>();
    out.add(asked);
    String family = asked.versionless();
    for (InterfaceModel m : catalog.all()) {
      if (m.id().versionless().equals(family) && compareVersions(m.id(), asked) >= 0) {
        out.addAll(catalog.descendantsOf(m.id()));
      }
    }
    return Set.copyOf(out);
  }

  /**
   * The same rule as {@link #accepted} seen from the twin's side, for a twin whose model's lineage (the model and
   * every model it extends) was resolved once: without {@code exact}, some model of the lineage is of the asked
   * family at a version at least the asked one; with it, the model is the asked DTMI.
   */
  public static boolean acceptsLineage(Dtmi model, Set<Dtmi> lineage, Dtmi asked, boolean exact) {
    if (model.equals(asked)) {
      return true;
    }
    if (exact) {
      return false;
    }
    String family = asked.versionless();
    for (Dtmi m : lineage) {
      if (m.versionless().equals(family) && compareVersions(m, asked) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Orders two DTMIs of one family by version: major, then minor (DTDL v3's {@code ;2.1}); a missing version or
   * minor version counts as 0, so {@code IS_OF_MODEL('dtmi:x:Widget')} accepts every version.
   */
  static int compareVersions(Dtmi a, Dtmi b) {
    long[] va = version(a);
    long[] vb = version(b);
    return va[0] != vb[0] ? Long.compare(va[0], vb[0]) : Long.compare(va[1], vb[1]);
  }

  private static long[] version(Dtmi id) {
    String value = id.value();
    int semi = value.indexOf(';');
    if (semi < 0) {
      return new long[] {0, 0};
    }
    String v = value.substring(semi + 1);
    int dot = v.indexOf('.');
    // the DTMI syntax allows at most 9 digits for the major and 6 for the minor version: these never overflow
    return dot < 0 ? new long[] {Long.parseLong(v), 0}
        : new long[] {Long.parseLong(v.substring(0, dot)), Long.parseLong(v.substring(dot + 1))};
  }
}
