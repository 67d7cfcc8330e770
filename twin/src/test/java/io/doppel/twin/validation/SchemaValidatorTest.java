package io.doppel.twin.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.doppel.model.Element;
import io.doppel.model.PrimitiveType;
import io.doppel.model.Schema;
import io.doppel.twin.DoppelException.Detail;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaValidatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<Detail> check(String value, Schema schema) throws Exception {
    List<Detail> problems = new ArrayList<>();
    SchemaValidator.validate(JSON.readTree(value), schema, "/v", problems);
    return problems;
  }

  @ParameterizedTest(name = "{0} {1} valid={2}")
  @CsvSource(delimiter = '|', value = {
      "integer|2147483647|true", "integer|2147483648|false", "integer|1.5|false", "integer|\"1\"|false",
      "long|-9223372036854775808|true", "long|9223372036854775808|false",
      "byte|-128|true", "byte|128|false", "short|32767|true", "short|-32769|false",
      "unsignedByte|255|true", "unsignedByte|-1|false", "unsignedShort|65536|false",
      "unsignedInteger|4294967295|true", "unsignedInteger|4294967296|false",
      "unsignedLong|18446744073709551615|true", "unsignedLong|18446744073709551616|false",
      "double|1e300|true", "float|1e300|false", "float|3.5|true", "boolean|true|true", "boolean|0|false",
      "string|\"x\"|true", "string|1|false", "date|\"2024-02-29\"|true", "date|\"2024-13-01\"|false",
      "dateTime|\"2024-01-01T00:00:00Z\"|true", "dateTime|\"2024-01-01\"|false",
      "time|\"23:59:59.123\"|true", "time|\"24:00:00\"|false",
      "duration|\"P1Y2M3DT4H5M6.5S\"|true", "duration|\"P2W\"|true", "duration|\"P\"|false",
      "duration|\"PT\"|false", "uuid|\"123e4567-e89b-12d3-a456-426614174000\"|true", "uuid|\"123\"|false",
      "bytes|\"aGVsbG8=\"|true", "bytes|\"***\"|false", "decimal|\"12.50\"|true", "decimal|\"abc\"|false",
      "point|{\"type\":\"Point\",\"coordinates\":[1,2]}|true",
      "point|{\"type\":\"LineString\",\"coordinates\":[1,2]}|false",
      "lineString|{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]}|true",
      "polygon|{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}|true",
      "polygon|{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0]]]}|false"})
  void checksPrimitives(String term, String value, boolean valid) throws Exception {
    Schema schema = new Schema.Primitive(PrimitiveType.ofTerm(term).orElseThrow());
    assertThat(check(value, schema)).as(term + " " + value).hasSize(valid ? 0 : 1);
  }

  /** Found by the patch-mutation fuzzer: half a surrogate pair passed as a string and the codec then threw. */
  @Test
  void refusesAStringWithAnUnpairedSurrogate() throws Exception {
    Schema string = new Schema.Primitive(PrimitiveType.STRING);
    List<Detail> problems = check("\"a\\ud800\"", string);
    assertThat(problems).extracting(Detail::target).containsExactly("/v");
    assertThat(problems.get(0).message()).isEqualTo("not valid Unicode: an unpaired surrogate U+D800 at character 1");
    assertThat(check("\"\\udc00x\"", string)).hasSize(1);
    assertThat(check("\"\\ud83d\\ude00\"", string)).as("a whole pair is fine").isEmpty();
  }

  @Test
  void namesEveryNestedPath() throws Exception {
    Schema object = new Schema.ObjectSchema(List.of(
        new Schema.Field("n", new Schema.Primitive(PrimitiveType.INTEGER), Element.of(null)),
        new Schema.Field("list", new Schema.ArraySchema(new Schema.Primitive(PrimitiveType.STRING)),
            Element.of(null))));
    List<Detail> problems = check("{\"n\":\"x\",\"list\":[\"a\",2],\"other\":1}", object);
    assertThat(problems).extracting(Detail::target).containsExactly("/v/n", "/v/list/1", "/v/other");
  }

  @Test
  void enumValuesMustBeListed() throws Exception {
    Schema e = new Schema.EnumSchema(PrimitiveType.INTEGER, List.of(
        new Schema.EnumValue("one", 1, Element.of(null)), new Schema.EnumValue("two", 2, Element.of(null))));
    assertThat(check("2", e)).isEmpty();
    assertThat(check("3", e)).extracting(Detail::code).containsExactly("enumValueInvalid");
    assertThat(check("\"one\"", e)).extracting(Detail::code).containsExactly("typeMismatch");
  }

  @Test
  void mapValuesAreChecked() throws Exception {
    Schema map = new Schema.MapSchema("k", "v", new Schema.Primitive(PrimitiveType.DOUBLE));
    assertThat(check("{\"a\":1,\"b\":\"x\"}", map)).extracting(Detail::target).containsExactly("/v/b");
    assertThat(check("[]", map)).hasSize(1);
  }
}
