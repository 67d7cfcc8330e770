package io.doppel.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import io.doppel.history.spi.ChangeKind;
import io.doppel.history.spi.ChangeRecord;
import io.doppel.twin.Origin;
import io.doppel.twin.StoredDocuments;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A logged change decodes as the change it was, in the layout of today and in the one before it. */
class ChangeCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aPatchWithTheEnginesStoredDocumentReadsBackWithThatDocument() throws Exception {
    ObjectNode doc = (ObjectNode) JSON.readTree("""
        {"$dtId":"p1","speed":2.5,"on":true,"label":"pump \\u00e9","n":7,"big":12345678901,"none":null,
         "$metadata":{"$model":"dtmi:x:Pump;1","speed":{"lastUpdateTime":"2026-12-01T00:00:02Z"}}}""");
    ArrayNode patch = (ArrayNode) JSON.readTree("[{\"op\":\"replace\",\"path\":\"/speed\",\"value\":2.5}]");
    byte[] stored = StoredDocuments.encode(doc);
    ChangeRecord change = new ChangeRecord(7, 1_000, ChangeKind.TWIN_PATCHED, "p1", null, null, null,
        "dtmi:x:Pump;1", List.of(), Origin.of("test", "suite"), patch, doc, stored);

    ChangeRecord read = ChangeCodec.decode(ChangeCodec.encode(change));

    assertThat(read).isEqualTo(change);
    assertThat(read.document()).isEqualTo(doc);
    assertThat(read.patch()).isEqualTo(patch);
    assertThat(read.storedDocument()).isEqualTo(stored);
  }

  @Test
  void aChangeWithoutStoredDocumentKeepsItsTree() throws Exception {
    ObjectNode rel = (ObjectNode) JSON.readTree("{\"$relationshipId\":\"f1\",\"weight\":0.5,\"tags\":[\"a\",1]}");
    ChangeRecord change = new ChangeRecord(8, 2_000, ChangeKind.RELATIONSHIP_CREATED, "p1", "f1", "p2", "feeds",
        null, List.of(), Origin.API, null, rel);

    ChangeRecord read = ChangeCodec.decode(ChangeCodec.encode(change));

    assertThat(read).isEqualTo(change);
    assertThat(read.storedDocument()).isNull();
  }

  @Test
  void anEntryInTheEarlierLayoutStillDecodes() throws Exception {
    ObjectMapper smile = new ObjectMapper(new SmileFactory());
    ObjectNode doc = (ObjectNode) JSON.readTree("{\"$dtId\":\"p1\",\"speed\":1.5}");
    ObjectNode old = smile.createObjectNode().put("v", 3).put("t", 500).put("k", "twin.patched").put("id", "p1")
        .put("model", "dtmi:x:Pump;1").put("ch", "api").put("src", "");
    old.set("patch", JSON.readTree("[{\"op\":\"add\",\"path\":\"/speed\",\"value\":1.5}]"));
    old.set("doc", doc);

    ChangeRecord read = ChangeCodec.decode(smile.writeValueAsBytes(old));

    assertThat(read.version()).isEqualTo(3);
    assertThat(read.kind()).isEqualTo(ChangeKind.TWIN_PATCHED);
    assertThat(read.document()).isEqualTo(doc);
    assertThat(read.storedDocument()).isNull();
    assertThat(read.patch().get(0).path("value").asDouble()).isEqualTo(1.5);
  }

  @Test
  void aModelChangeListsItsModels() {
    ChangeRecord change = new ChangeRecord(1, 10, ChangeKind.MODELS_ADDED, "", null, null, null, null,
        List.of("dtmi:x:A;1", "dtmi:x:B;1"), Origin.API, null, null);

    assertThat(ChangeCodec.decode(ChangeCodec.encode(change))).isEqualTo(change);
  }
}
