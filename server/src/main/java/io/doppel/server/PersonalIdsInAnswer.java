package io.doppel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.doppel.server.auth.Access;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An answer that names twins among other texts (a scenario run's results: figures per twin id, as keys or values),
 * with each id of an existing twin whose id is personal replaced by the caller's pseudonym of it. An id of a twin
 * deleted since, or one quoted otherwise than {@link #shownText} reads, stays as it is.
 */
final class PersonalIdsInAnswer {
  private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'([^']+)'");

  private PersonalIdsInAnswer() {}

  /** {@code answer} treated in place, and returned. */
  static ObjectNode shown(ObjectNode answer, Access access) {
    treat(answer, access);
    return answer;
  }

  private static void treat(JsonNode node, Access access) {
    if (node instanceof ObjectNode object) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      object.fields().forEachRemaining(fields::add);
      object.removeAll();
      for (Map.Entry<String, JsonNode> field : fields) {
        object.set(shownText(field.getKey(), access), shownValue(field.getValue(), access));
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, shownValue(array.get(i), access));
      }
    }
  }

  private static JsonNode shownValue(JsonNode value, Access access) {
    if (value.isTextual()) {
      String shown = shownText(value.asText(), access);
      return shown.equals(value.asText()) ? value : TextNode.valueOf(shown);
    }
    treat(value, access);
    return value;
  }

  /**
   * A text naming twins as results do: a twin id, {@code <twin>.<metric>} (series), or a message quoting ids as
   * {@code '<twin>'} (warnings).
   */
  private static String shownText(String text, Access access) {
    String whole = access.shownIdIfTwin(text);
    if (!whole.equals(text)) {
      return whole;
    }
    int dot = text.lastIndexOf('.');
    if (dot > 0) {
      String twin = access.shownIdIfTwin(text.substring(0, dot));
      if (!twin.equals(text.substring(0, dot))) {
        return twin + text.substring(dot);
      }
    }
    return QUOTED.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
        "'" + access.shownIdIfTwin(m.group(1)) + "'"));
  }
}
