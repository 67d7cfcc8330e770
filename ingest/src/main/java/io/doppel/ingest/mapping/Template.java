package io.doppel.ingest.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.ingest.Unmappable;
import java.util.ArrayList;
import java.util.List;

/**
 * A text with expressions in braces, such as the twin id {@code {topic[1]}-{payload.deviceId}}; {@code {{} and
 * {@code }}} stand for literal braces. Each expression must give a string or a number.
 */
record Template(String text, List<Object> parts) {
  static Template parse(String text, String field) {
    if (text.isEmpty()) {
      throw Definitions.invalid(field, "the template is empty");
    }
    List<Object> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '{' && text.startsWith("{{", i)) {
        literal.append('{');
        i += 2;
      } else if (c == '}' && text.startsWith("}}", i)) {
        literal.append('}');
        i += 2;
      } else if (c == '{') {
        int end = text.indexOf('}', i);
        if (end < 0) {
          throw Definitions.invalid(field, "the '{' at column " + (i + 1) + " of '" + text + "' is not closed");
        }
        if (!literal.isEmpty()) {
          parts.add(literal.toString());
          literal.setLength(0);
        }
        String inner = text.substring(i + 1, end);
        try {
          parts.add(ExpressionParser.parse(inner, field));
        } catch (io.doppel.twin.DoppelException e) {
          throw Definitions.invalid(field, "in the placeholder at column " + (i + 1) + ": "
              + e.details().get(0).message());
        }
        i = end + 1;
      } else if (c == '}') {
        throw Definitions.invalid(field, "a lone '}' at column " + (i + 1) + " of '" + text + "' (write }} for one)");
      } else {
        literal.append(c);
        i++;
      }
    }
    if (!literal.isEmpty()) {
      parts.add(literal.toString());
    }
    return new Template(text, List.copyOf(parts));
  }

  String render(Scope scope) throws Unmappable {
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof Expression e) {
        JsonNode value = e.eval(scope);
        if (!(value.isTextual() || value.isNumber())) {
          throw new Unmappable("TYPE_MISMATCH", "the twin id part " + e + " must be a string or a number, not "
              + value);
        }
        out.append(value.asText());
      } else {
        out.append((String) part);
      }
    }
    if (out.isEmpty()) {
      throw new Unmappable("TWIN_ID_EMPTY", "the twin id '" + text + "' came out empty");
    }
    return out.toString();
  }
}
