package io.doppel.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of query results in ADT's shape; {@code continuationToken} is null on the last page. */
public record QueryPage(List<JsonNode> value, @Nullable String continuationToken) {
  public QueryPage {
    value = List.copyOf(value);
  }

  /** {@code {"value": [...], "continuationToken": "..." | null}}, the body ADT's query API answers with. */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.putArray("value").addAll(value);
    if (continuationToken == null) {
      o.putNull("continuationToken");
    } else {
      o.put("continuationToken", continuationToken);
    }
    return o;
  }
}
