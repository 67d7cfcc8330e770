package io.doppel.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.doppel.model.Dtmi;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PredicateTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Dtmi PUMP = Dtmi.parse("dtmi:ex:Pump;2");
  private static final Dtmi ASSET = Dtmi.parse("dtmi:ex:Asset;1");
  private static final Set<Dtmi> PUMP_LINEAGE = Set.of(PUMP, ASSET);

  private static JsonNode pump(double temperature) throws Exception {
    return MAPPER.readTree("{\"$dtId\":\"pump-1\",\"$metadata\":{\"$model\":\"dtmi:ex:Pump;2\"},"
        + "\"temperature\":" + temperature + ",\"site\":{\"name\":\"north\"},\"tags\":[\"hot\",\"wet\"]}");
  }

  private static boolean test(String where, double temperature) throws Exception {
    return Predicate.parse(where).matches("pump-1", pump(temperature), PUMP_LINEAGE);
  }

  @Test
  void comparesPropertiesOfTheTwin() throws Exception {
    assertThat(test("temperature > 25", 30)).isTrue();
    assertThat(test("temperature > 25", 20)).isFalse();
    assertThat(test("temperature >= 20 AND site.name = 'north'", 20)).isTrue();
    assertThat(test("temperature < 0 OR ARRAY_CONTAINS(tags, 'hot')", 20)).isTrue();
    assertThat(test("NOT (temperature IN [1, 2, 3])", 2)).isFalse();
  }

  @Test
  void readsTheIdAndTheModelWithInheritanceAndVersions() throws Exception {
    assertThat(test("STARTSWITH($dtId, 'pump-')", 1)).isTrue();
    assertThat(test("STARTSWITH($dtId, 'valve-')", 1)).isFalse();
    assertThat(test("IS_OF_MODEL('dtmi:ex:Asset;1')", 1)).as("an ancestor").isTrue();
    assertThat(test("IS_OF_MODEL('dtmi:ex:Pump;1')", 1)).as("an older version of its family").isTrue();
    assertThat(test("IS_OF_MODEL('dtmi:ex:Pump;3')", 1)).as("a newer version").isFalse();
    assertThat(test("IS_OF_MODEL('dtmi:ex:Asset;1', exact)", 1)).as("exact: not its own model").isFalse();
    assertThat(test("IS_OF_MODEL('dtmi:ex:Pump;2', exact) AND temperature > 25", 26)).isTrue();
  }

  @Test
  void undefinedNeverMatchesEvenNegated() throws Exception {
    assertThat(test("pressure > 1", 1)).isFalse();
    assertThat(test("NOT (pressure > 1)", 1)).isFalse();
    assertThat(test("temperature = 'hot'", 1)).as("different types").isFalse();
    assertThat(test("IS_DEFINED(pressure)", 1)).isFalse();
  }

  @Test
  void refusesBadConditionsWithTheirPosition() {
    assertInvalid("temperature >", "syntaxError", "1:14", "expected a value, a property or a function");
    assertInvalid("temperature > 25 temperature", "syntaxError", "1:18", "found 'temperature'");
    assertInvalid("", "syntaxError", "1:1", "expected a condition");
    assertInvalid("temperature > 25 AND\n  NOSUCH(x)", "unknownFunction", "2:3", "unknown function NOSUCH()");
    assertInvalid("IS_OF_MODEL('not a dtmi')", "invalidModelId", "1:13", "is not a DTMI");
    assertInvalid("'text'", "typeMismatch", "1:1", "expected a condition");
  }

  private static void assertInvalid(String where, String code, String target, String messagePart) {
    DoppelException e = catchThrowableOfType(DoppelException.class, () -> Predicate.parse(where));
    assertThat(e).as(where).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.QUERY_INVALID);
    assertThat(e.details().get(0).code()).as(where).isEqualTo(code);
    assertThat(e.details().get(0).target()).as(where).isEqualTo(target);
    assertThat(e.getMessage()).as(where).contains(messagePart);
  }
}
