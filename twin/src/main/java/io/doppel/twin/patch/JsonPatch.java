package io.doppel.twin.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A parsed RFC 6902 JSON Patch. {@link #apply} works on a copy, so a failing patch leaves the input untouched;
 * every failure is a {@code PATCH_INVALID} naming the operation's index and path.
 */
public final class JsonPatch {
  /** The six RFC 6902 operations. */
  public enum Kind { ADD, REMOVE, REPLACE, MOVE, COPY, TEST }

  /** One operation; {@code from} is present for move and copy, {@code value} for add, replace and test. */
  public record Operation(int index, Kind kind, JsonPointer path, @Nullable JsonPointer from,
      @Nullable JsonNode value) {}

  private static final Set<String> MEMBERS = Set.of("op", "path", "from", "value");
  private final List<Operation> operations;
  private final ArrayNode source;

  private JsonPatch(List<Operation> operations, ArrayNode source) {
    this.operations = List.copyOf(operations);
    this.source = source;
  }

  public List<Operation> operations() {
    return operations;
  }

  /** The patch as JSON (a copy of the document it was parsed from, made at parse time): treat as read-only. */
  public ArrayNode json() {
    return source;
  }

  public static JsonPatch parse(JsonNode patch) {
    if (!(patch instanceof ArrayNode array)) {
      throw invalid(-1, "", "patchNotArray", "a JSON Patch must be a JSON array of operations");
    }
    List<Operation> ops = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      ops.add(parseOperation(i, array.get(i)));
    }
    return new JsonPatch(ops, array.deepCopy());
  }

  private static Operation parseOperation(int index, JsonNode node) {
    if (!(node instanceof ObjectNode op)) {
      throw invalid(index, "", "operationNotObject", "each operation must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> member : op.properties()) {
      if (!MEMBERS.contains(member.getKey())) {
        throw invalid(index, "", "unknownMember", "unknown member '" + member.getKey() + "'");
      }
    }
    JsonNode opName = op.get("op");
    if (opName == null || !opName.isTextual()) {
      throw invalid(index, "", "missingOp", "'op' must be a string");
    }
    Kind kind = switch (opName.asText()) {
      case "add" -> Kind.ADD;
      case "remove" -> Kind.REMOVE;
      case "replace" -> Kind.REPLACE;
      case "move" -> Kind.MOVE;
      case "copy" -> Kind.COPY;
      case "test" -> Kind.TEST;
      default -> throw invalid(index, "", "unknownOp", "unknown op '" + opName.asText() + "'");
    };
    JsonPointer path = pointer(index, op, "path", "");
    JsonPointer from = kind == Kind.MOVE || kind == Kind.COPY ? pointer(index, op, "from", path.text()) : null;
    JsonNode value = null;
    if (kind == Kind.ADD || kind == Kind.REPLACE || kind == Kind.TEST) {
      value = op.get("value");
      if (value == null) {
        throw invalid(index, path.text(), "missingValue", "'" + opName.asText() + "' needs a 'value'");
      }
    }
    if (kind == Kind.MOVE && from != null && path.startsWith(from) && !path.equals(from)) {
      throw invalid(index, path.text(), "moveIntoItself", "cannot move '" + from + "' into its own child");
    }
    return new Operation(index, kind, path, from, value);
  }

  private static JsonPointer pointer(int index, ObjectNode op, String member, String pathForError) {
    JsonNode text = op.get(member);
    if (text == null || !text.isTextual()) {
      throw invalid(index, pathForError, "missing" + Character.toUpperCase(member.charAt(0)) + member.substring(1),
          "'" + member + "' must be a string");
    }
    try {
      return JsonPointer.parse(text.asText());
    } catch (IllegalArgumentException e) {
      throw invalid(index, text.asText(), "invalidPointer", "'" + member + "' is not a JSON Pointer: " + e.getMessage());
    }
  }

  /** This patch with every path (and from) moved under {@code /token}: a component patch seen from its twin. */
  public JsonPatch under(String token) {
    List<Operation> moved = new ArrayList<>(operations.size());
    ArrayNode json = source.deepCopy();
    for (Operation op : operations) {
      JsonPointer from = op.from() == null ? null : op.from().under(token);
      moved.add(new Operation(op.index(), op.kind(), op.path().under(token), from, op.value()));
      ObjectNode member = (ObjectNode) json.get(op.index());
      member.put("path", op.path().under(token).text());
      if (from != null) {
        member.put("from", from.text());
      }
    }
    return new JsonPatch(moved, json);
  }

  /** Applies every operation, in order, to a copy of {@code document} and returns the copy. */
  public JsonNode apply(JsonNode document) {
    JsonNode[] root = {document.deepCopy()};
    for (Operation op : operations) {
      applyOne(op, root);
    }
    return root[0];
  }

  private static void applyOne(Operation op, JsonNode[] root) {
    switch (op.kind()) {
      case ADD -> add(op, op.path(), java.util.Objects.requireNonNull(op.value()).deepCopy(), root);
      case REMOVE -> remove(op, op.path(), root);
      case REPLACE -> replace(op, java.util.Objects.requireNonNull(op.value()).deepCopy(), root);
      case MOVE -> {
        JsonPointer from = java.util.Objects.requireNonNull(op.from());
        JsonNode value = remove(op, from, root);
        add(op, op.path(), value, root);
      }
      case COPY -> {
        JsonPointer from = java.util.Objects.requireNonNull(op.from());
        add(op, op.path(), resolve(op, from, root[0]).deepCopy(), root);
      }
      case TEST -> {
        JsonNode actual = resolve(op, op.path(), root[0]);
        if (!JsonEquality.equal(actual, java.util.Objects.requireNonNull(op.value()))) {
          throw invalid(op.index(), op.path().text(), "testFailed", "the value at the path is not the expected one");
        }
      }
    }
  }

  private static JsonNode resolve(Operation op, JsonPointer pointer, JsonNode root) {
    JsonNode node = root;
    for (String token : pointer.tokens()) {
      node = child(op, pointer, node, token);
    }
    return node;
  }

  private static JsonNode child(Operation op, JsonPointer pointer, JsonNode node, String token) {
    JsonNode next = null;
    if (node instanceof ObjectNode object) {
      next = object.get(token);
    } else if (node instanceof ArrayNode array) {
      int i = arrayIndex(op, pointer, token, array.size() - 1);
      next = array.get(i);
    }
    if (next == null) {
      throw invalid(op.index(), pointer.text(), "pathNotFound", "path '" + pointer + "' does not exist");
    }
    return next;
  }

  private static JsonNode parentOf(Operation op, JsonPointer pointer, JsonNode root) {
    JsonNode parent = root;
    for (String token : pointer.parentTokens()) {
      parent = child(op, pointer, parent, token);
    }
    return parent;
  }

  private static void add(Operation op, JsonPointer path, JsonNode value, JsonNode[] root) {
    if (path.isRoot()) {
      root[0] = value;
      return;
    }
    JsonNode parent = parentOf(op, path, root[0]);
    if (parent instanceof ObjectNode object) {
      object.set(path.last(), value);
    } else if (parent instanceof ArrayNode array) {
      if (path.last().equals("-")) {
        array.add(value);
      } else {
        array.insert(arrayIndex(op, path, path.last(), array.size()), value);
      }
    } else {
      throw invalid(op.index(), path.text(), "parentNotContainer", "the parent of '" + path + "' is not an object or array");
    }
  }

  /** Replaces in place, so a replaced member keeps its position in its object. */
  private static void replace(Operation op, JsonNode value, JsonNode[] root) {
    JsonPointer path = op.path();
    if (path.isRoot()) {
      root[0] = value;
      return;
    }
    JsonNode parent = parentOf(op, path, root[0]);
    if (parent instanceof ObjectNode object && object.has(path.last())) {
      object.set(path.last(), value);
    } else if (parent instanceof ArrayNode array) {
      array.set(arrayIndex(op, path, path.last(), array.size() - 1), value);
    } else {
      throw invalid(op.index(), path.text(), "pathNotFound", "path '" + path + "' does not exist");
    }
  }

  private static JsonNode remove(Operation op, JsonPointer path, JsonNode[] root) {
    if (path.isRoot()) {
      JsonNode old = root[0];
      root[0] = JsonNodeFactory.instance.nullNode();
      return old;
    }
    JsonNode parent = parentOf(op, path, root[0]);
    JsonNode removed = null;
    if (parent instanceof ObjectNode object) {
      removed = object.remove(path.last());
    } else if (parent instanceof ArrayNode array) {
      removed = array.remove(arrayIndex(op, path, path.last(), array.size() - 1));
    }
    if (removed == null) {
      throw invalid(op.index(), path.text(), "pathNotFound", "path '" + path + "' does not exist");
    }
    return removed;
  }

  private static int arrayIndex(Operation op, JsonPointer path, String token, int max) {
    if (!token.matches("0|[1-9][0-9]{0,8}")) {
      throw invalid(op.index(), path.text(), "invalidArrayIndex", "'" + token + "' is not an array index");
    }
    int i = Integer.parseInt(token);
    if (i > max) {
      throw invalid(op.index(), path.text(), "indexOutOfBounds", "array index " + i + " is out of bounds");
    }
    return i;
  }

  static DoppelException invalid(int index, String path, String code, String message) {
    String where = index < 0 ? "" : "operation " + index + ": ";
    return new DoppelException(ErrorCode.PATCH_INVALID, where + message,
        List.of(new DoppelException.Detail(code, path, where + message)));
  }
}
