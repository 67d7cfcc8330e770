package io.doppel.twin.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import org.junit.jupiter.api.Test;

class JsonPatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode read(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static JsonNode apply(String doc, String patch) throws Exception {
    return JsonPatch.parse(read(patch)).apply(read(doc));
  }

  @Test
  void appliesEveryRfc6902Operation() throws Exception {
    JsonNode result = apply("{\"a\":{\"b\":[1,2]},\"c\":3,\"e~/f\":0}", """
        [{"op":"add","path":"/a/b/1","value":9},
         {"op":"add","path":"/a/b/-","value":4},
         {"op":"remove","path":"/c"},
         {"op":"replace","path":"/e~0~1f","value":7},
         {"op":"copy","from":"/a/b","path":"/d"},
         {"op":"move","from":"/d/0","path":"/m"},
         {"op":"test","path":"/m","value":1.0}]""");
    assertThat(result).isEqualTo(read("{\"a\":{\"b\":[1,9,2,4]},\"e~/f\":7,\"d\":[9,2,4],\"m\":1}"));
  }

  @Test
  void parsesPointersWithEscapesAndEmptyTokens() {
    assertThat(JsonPointer.parse("/a~1b/~0c//").tokens()).containsExactly("a/b", "~c", "", "");
    assertThat(JsonPointer.parse("/").tokens()).containsExactly("");
    assertThat(JsonPointer.parse("").tokens()).isEmpty();
    assertThat(JsonPointer.parse("/p0").tokens()).containsExactly("p0");
    assertThatThrownBy(() -> JsonPointer.parse("/a~2")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonPointer.parse("a")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void replaceKeepsMemberOrder() throws Exception {
    JsonNode result = apply("{\"a\":1,\"b\":2}", "[{\"op\":\"replace\",\"path\":\"/a\",\"value\":5}]");
    assertThat(result.fieldNames().next()).isEqualTo("a");
  }

  @Test
  void failureNamesOperationIndexAndPathAndLeavesInputUntouched() throws Exception {
    JsonNode doc = read("{\"a\":1}");
    JsonPatch patch = JsonPatch.parse(read(
        "[{\"op\":\"replace\",\"path\":\"/a\",\"value\":2},{\"op\":\"remove\",\"path\":\"/x/y\"}]"));
    assertThatThrownBy(() -> patch.apply(doc)).isInstanceOfSatisfying(DoppelException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.PATCH_INVALID);
      assertThat(e.getMessage()).startsWith("operation 1");
      assertThat(e.details().get(0).target()).isEqualTo("/x/y");
    });
    assertThat(doc).isEqualTo(read("{\"a\":1}"));
  }

  @Test
  void rejectsMalformedPatches() throws Exception {
    for (String bad : new String[] {"{}", "[1]", "[{\"op\":\"jump\",\"path\":\"/a\"}]",
        "[{\"op\":\"add\",\"path\":\"a\",\"value\":1}]", "[{\"op\":\"add\",\"path\":\"/a\"}]",
        "[{\"op\":\"move\",\"path\":\"/a/b\",\"from\":\"/a\"}]", "[{\"op\":\"remove\",\"path\":\"/~2\"}]",
        "[{\"op\":\"add\",\"path\":\"/a\",\"value\":1,\"extra\":true}]"}) {
      assertThatThrownBy(() -> JsonPatch.parse(read(bad))).as(bad)
          .isInstanceOfSatisfying(DoppelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PATCH_INVALID));
    }
  }

  @Test
  void rejectsOutOfRangeAndMalformedArrayIndexes() throws Exception {
    for (String path : new String[] {"/a/5", "/a/01", "/a/-1", "/a/x"}) {
      assertThatThrownBy(() -> apply("{\"a\":[1]}", "[{\"op\":\"add\",\"path\":\"" + path + "\",\"value\":1}]"))
          .as(path).isInstanceOf(DoppelException.class);
    }
  }
}
