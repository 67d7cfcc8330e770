package io.doppel.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.doppel.model.PersonalProperties;
import io.doppel.model.PersonalTreatment;
import java.util.Map;
import java.util.function.Function;
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

  /** A relationship document with its personal properties ({@code marked}, by name) treated; a copy if any is. */
  static ObjectNode relationship(ObjectNode relationship, Map<String, PersonalTreatment> marked,
      Pseudonymizer pseudonyms) {
    ObjectNode copy = null;
    for (var m : marked.entrySet()) {
      if (relationship.has(m.getKey())) {
        if (copy == null) {
          copy = relationship.deepCopy();
        }
        treat(copy, m.getKey(), m.getValue(), pseudonyms);
      }
    }
    return copy == null ? relationship : copy;
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

  /**
   * {@code patch} with each operation on a personal value treated: {@code treatment} answers for a series name
   * ({@code name}, {@code component/name}, deeper for Object leaves), null when the caller sees it in clear. Values
   * are pseudonymised as in documents (a whole property's value, or a leaf's); an operation on (or moving from) a
   * dropped property is left out; a whole Component set at once has its personal members treated.
   */
  static ArrayNode patch(JsonNode patch, Function<String, @Nullable PersonalTreatment> treatment,
      Pseudonymizer pseudonyms) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (JsonNode op : patch) {
      String series = series(op.path("path").asText());
      JsonNode from = op.get("from");
      if (treatment.apply(series) == PersonalTreatment.DROP
          || from != null && treatment.apply(series(from.asText())) == PersonalTreatment.DROP) {
        continue;
      }
      JsonNode value = op.get("value");
      PersonalTreatment t = treatment.apply(series);
      if (value != null && t == PersonalTreatment.PSEUDONYMISE) {
        out.add(((ObjectNode) op.deepCopy()).put("value", pseudonyms.pseudonym(value)));
      } else if (value instanceof ObjectNode members && series.indexOf('/') < 0) {
        out.add(((ObjectNode) op.deepCopy()).set("value", members(series, members, treatment, pseudonyms)));
      } else {
        out.add(op);
      }
    }
    return out;
  }

  private static ObjectNode members(String component, ObjectNode value,
      Function<String, @Nullable PersonalTreatment> treatment, Pseudonymizer pseudonyms) {
    ObjectNode copy = value.deepCopy();
    for (var names = value.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      PersonalTreatment t = treatment.apply(component + "/" + name);
      if (t != null) {
        treat(copy, name, t, pseudonyms);
      }
    }
    return copy;
  }

  /** A JSON Pointer as a series name: {@code /contact/email} is {@code contact/email}. */
  private static String series(String pointer) {
    String rest = pointer.startsWith("/") ? pointer.substring(1) : pointer;
    StringBuilder out = new StringBuilder();
    for (String segment : rest.split("/", -1)) {
      if (!out.isEmpty()) {
        out.append('/');
      }
      out.append(segment.replace("~1", "/").replace("~0", "~"));
    }
    return out.toString();
  }
}
