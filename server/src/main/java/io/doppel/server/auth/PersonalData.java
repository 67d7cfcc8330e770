package io.doppel.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.doppel.model.PersonalProperties;
import io.doppel.model.PersonalTreatment;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A twin document with its personal properties pseudonymised or dropped, for a caller who may not see them in clear.
 * Which properties are personal comes from the twin's model ({@link PersonalProperties}); which of them the caller
 * sees in clear from {@code clear}, asked with the top-level name (a Component's name for its members), as policies
 * name properties.
 */
final class PersonalData {
  private PersonalData() {}

  /** The treated copy, or {@code twin} itself when nothing in it needs treating. */
  static ObjectNode apply(ObjectNode twin, PersonalProperties personal, Predicate<String> clear,
      Pseudonymizer pseudonyms) {
    if (personal.isEmpty()) {
      return twin;
    }
    ObjectNode copy = null;
    for (var p : personal.all()) {
      String top = p.component() == null ? p.name() : p.component();
      JsonNode holder = p.component() == null ? twin : twin.get(p.component());
      if (holder == null || !holder.has(p.name()) || clear.test(top)) {
        continue;
      }
      if (copy == null) {
        copy = twin.deepCopy();
      }
      ObjectNode target = p.component() == null ? copy : (ObjectNode) copy.get(p.component());
      treat(target, p.name(), p.treatment(), pseudonyms);
    }
    return copy == null ? twin : copy;
  }

  /** One member of a twin or Component object; a dropped one loses its {@code $metadata} entry too. */
  static void treat(ObjectNode object, String name, PersonalTreatment treatment, Pseudonymizer pseudonyms) {
    switch (treatment) {
      case DROP -> {
        object.remove(name);
        if (object.get("$metadata") instanceof ObjectNode metadata) {
          metadata.remove(name);
        }
      }
      case PSEUDONYMISE -> object.set(name, TextNode.valueOf(pseudonyms.pseudonym(object.get(name))));
    }
  }

  /**
   * The treatment a history series needs ({@code name}, {@code component/name}, or deeper leaves of an Object
   * property), or null when the series is not personal or the caller sees it in clear.
   */
  static @Nullable PersonalTreatment ofSeries(String series, PersonalProperties personal, Predicate<String> clear) {
    if (personal.isEmpty()) {
      return null;
    }
    String[] parts = series.split("[/.]", 3);
    PersonalTreatment treatment = personal.property(parts[0]);
    if (treatment == null && parts.length > 1) {
      Map<String, PersonalTreatment> members = personal.component(parts[0]);
      treatment = members.get(parts[1]);
    }
    return treatment == null || clear.test(parts[0]) ? null : treatment;
  }
}
