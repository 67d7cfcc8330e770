package io.doppel.twin.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.fuzz.Fuzzer;
import io.doppel.fuzz.FuzzReport;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Random operation lists over random documents. Every outcome is a new document or a PATCH_INVALID naming the
 * operation and its path; the input document is never touched; and RFC 6902's own laws hold: after a successful
 * add or replace, a test of the same value at the same path succeeds, and remove after add of a new member gives
 * the original back.
 */
@Tag("fuzz")
class JsonPatchPropertyFuzzTest {
  @Test
  void randomPatchesApplyOrNameTheOperationAndNeverTouchTheInput() {
    FuzzReport report = Fuzzer.named("patch-generated", 20_000).values(RandomPatches::next, c -> {
      JsonNode before = c.document().deepCopy();
      String outcome;
      try {
        JsonPatch patch = JsonPatch.parse(c.patch());
        assertThat(patch.json()).isEqualTo(c.patch());
        JsonNode after = patch.apply(c.document());
        checkLaws(c, patch, after);
        outcome = "applied";
      } catch (DoppelException refused) {
        assertThat(refused.code()).isEqualTo(ErrorCode.PATCH_INVALID);
        assertThat(refused.getMessage()).startsWith("operation ");
        assertThat(refused.details()).hasSize(1);
        outcome = refused.details().get(0).code();
      }
      assertThat(c.document()).as("the input document").isEqualTo(before);
      return outcome;
    }, c -> c.document() + " <- " + c.patch());
    assertThat(report.share("applied")).as(report.line()).isGreaterThan(0.1);
  }

  private static void checkLaws(RandomPatches.Case c, JsonPatch patch, JsonNode after) {
    if (c.patch().size() != 1) {
      return;
    }
    ObjectNode op = (ObjectNode) c.patch().get(0);
    String kind = op.get("op").asText();
    String path = op.get("path").asText();
    if (kind.equals("add") || kind.equals("replace")) {
      if (path.endsWith("/-")) {
        return; // "-" names the end of an array only when adding
      }
      ArrayNode test = c.patch().arrayNode();
      test.addObject().put("op", "test").put("path", path).set("value", op.get("value"));
      assertThat(JsonPatch.parse(test).apply(after)).as("test after %s", op).isEqualTo(after);
    }
    if (kind.equals("add") && c.document().isObject() && !path.isEmpty() && path.lastIndexOf('/') == 0
        && !c.document().has(JsonPointer.parse(path).last())) {
      ArrayNode remove = c.patch().arrayNode();
      remove.addObject().put("op", "remove").put("path", path);
      assertThat(JsonPatch.parse(remove).apply(after)).as("remove after %s", op).isEqualTo(c.document());
    }
    assertThat(patch.operations()).hasSize(1);
  }
}
