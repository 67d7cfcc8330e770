package io.doppel.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Keyed pseudonyms: stable per key and value, equal for equal values however spelled, different across keys. */
class PseudonymizerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pseudonymizer KEY = new Pseudonymizer("a-key-of-sixteen-or-more".getBytes(StandardCharsets.UTF_8));

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void aPseudonymIsPnAnd22Base64UrlCharactersAndStable() throws Exception {
    String p = KEY.pseudonym(json("\"+44 555 0100\""));
    assertThat(p).matches("pn_[A-Za-z0-9_-]{22}");
    assertThat(new Pseudonymizer("a-key-of-sixteen-or-more".getBytes(StandardCharsets.UTF_8))
        .pseudonym(json("\"+44 555 0100\""))).isEqualTo(p);
    assertThat(KEY.pseudonym(json("\"+44 555 0101\""))).isNotEqualTo(p);
    assertThat(new Pseudonymizer("another-key-0123456789".getBytes(StandardCharsets.UTF_8))
        .pseudonym(json("\"+44 555 0100\""))).isNotEqualTo(p);
  }

  @Test
  void valuesOfEveryTypeAreHashedOverCanonicalJson() throws Exception {
    assertThat(Pseudonymizer.canonical(json("{\"b\": [1, 2.50, true], \"a\": {\"y\": null, \"x\": \"s\"}}")))
        .isEqualTo("{\"a\":{\"x\":\"s\",\"y\":null},\"b\":[1,2.5,true]}");
    assertThat(KEY.pseudonym(json("5"))).isEqualTo(KEY.pseudonym(json("5.0"))).isEqualTo(KEY.pseudonym(json("5e0")));
    assertThat(KEY.pseudonym(json("{\"a\":1,\"b\":2}"))).isEqualTo(KEY.pseudonym(json("{\"b\":2, \"a\":1}")));
    // a number and the text of the number are different values
    assertThat(KEY.pseudonym(json("5"))).isNotEqualTo(KEY.pseudonym(json("\"5\"")));
    assertThat(Pseudonymizer.canonical(json("1e21"))).isEqualTo("1000000000000000000000");
    assertThat(Pseudonymizer.canonical(json("0.000125"))).isEqualTo("0.000125");
  }

  @Test
  void anIdsPseudonymIsItsTextsAndLeadsBackToItOnlyWhenThisKeyGaveIt() throws Exception {
    Pseudonymizer key = Pseudonymizer.ephemeral();
    assertThat(key.idOf(key.pseudonym(json("\"john-smith\"")))).isNull(); // a value's pseudonym is not an id's
    String p = key.pseudonymOfId("john-smith");
    assertThat(p).isEqualTo(key.pseudonym(json("\"john-smith\"")));
    assertThat(key.idOf(p)).isEqualTo("john-smith");
    assertThat(key.idOf("john-smith")).isNull();
    assertThat(Pseudonymizer.ephemeral().idOf(p)).isNull();
  }

  @Test
  void aShortKeyIsRefused() {
    assertThatThrownBy(() -> new Pseudonymizer(new byte[8])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theGeneratedKeyIsStoredOnceAndReused() {
    AuthStore store = AuthStore.inMemory();
    String first = PseudonymKey.resolve(null, store).pseudonym(JSON.getNodeFactory().textNode("x"));
    assertThat(store.get(PseudonymKey.STORE_KEY)).isPresent();
    assertThat(PseudonymKey.resolve(null, store).pseudonym(JSON.getNodeFactory().textNode("x"))).isEqualTo(first);
    assertThat(PseudonymKey.resolve("configured-key-0123456789", store).pseudonym(
        JSON.getNodeFactory().textNode("x"))).isNotEqualTo(first);
  }
}
