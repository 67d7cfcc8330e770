package io.doppel.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ExplainTest {
  private final QueryService queries = new QueryService(Buildings.graph()::open);

  @Test
  void usesAPointLookUpForAnIdAndServesThePredicate() {
    JsonNode plan = queries.explain("SELECT * FROM DIGITALTWINS T WHERE T.$dtId = 'room-21' AND T.temperature > 0");
    assertThat(plan.at("/start/access").asText()).isEqualTo("idLookup");
    assertThat(plan.at("/start/served/0").asText()).isEqualTo("T.$dtId = 'room-21'");
    assertThat(plan.at("/start/residualFilters/0").asText()).isEqualTo("T.temperature > 0");
    assertThat(plan.at("/start/estimatedRows").asLong()).isEqualTo(1);
    assertThat(plan.at("/execution/rootRowsScanned").asLong()).isEqualTo(1);
    assertThat(plan.at("/execution/rowsReturned").asLong()).isEqualTo(1);
  }

  @Test
  void prefersTheMostSelectiveIndexAndKeepsTheOthersAsResidualFilters() {
    JsonNode plan = queries.explain(
        "SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:com:example:Room;1') AND temperature > 25");
    assertThat(plan.at("/start/access").asText()).isEqualTo("propertyIndex");
    assertThat(plan.at("/start/path").asText()).isEqualTo("temperature");
    assertThat(plan.at("/start/range").asText()).isEqualTo("> 25.0");
    assertThat(plan.at("/start/estimatedRows").asLong()).isEqualTo(2);
    assertThat(plan.at("/start/estimate").asText()).isEqualTo("exact");
    assertThat(plan.at("/start/residualFilters/0").asText()).startsWith("IS_OF_MODEL('dtmi:com:example:Room;1'");
    assertThat(plan.get("candidates")).extracting(c -> c.get("access").asText())
        .containsExactlyInAnyOrder("modelIndex", "propertyIndex", "fullScan");
    assertThat(plan.at("/execution/rootRowsScanned").asLong()).isEqualTo(2);
  }

  @Test
  void mergesALowerAndAnUpperBoundIntoOneRange() {
    JsonNode plan = queries.explain("SELECT * FROM DIGITALTWINS WHERE temperature >= 20 AND temperature < 27");
    assertThat(plan.at("/start/range").asText()).isEqualTo(">= 20.0 and < 27.0");
    assertThat(plan.at("/start/served")).hasSize(2);
    assertThat(plan.at("/start/residualFilters")).isEmpty();
    assertThat(plan.at("/execution/rowsReturned").asLong()).isEqualTo(3);
  }

  @Test
  void usesTheIdPrefixRangeAndTheModelIndex() {
    assertThat(queries.explain("SELECT * FROM DIGITALTWINS WHERE STARTSWITH($dtId, 'pump-')").at("/start/access")
        .asText()).isEqualTo("idPrefix");
    JsonNode model = queries.explain("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:com:example:Space;1')");
    assertThat(model.at("/start/access").asText()).isEqualTo("modelIndex");
    assertThat(model.at("/start/modelsInIndex").asInt()).isEqualTo(4);
    assertThat(model.at("/start/residualFilters")).isEmpty();
  }

  @Test
  void scansWhenNoPredicateCanUseAnIndexAndSaysSo() {
    JsonNode plan = queries.explain("SELECT * FROM DIGITALTWINS WHERE name = 'Lab'");
    assertThat(plan.at("/start/access").asText()).isEqualTo("fullScan");
    assertThat(plan.at("/start/why").asText()).contains("no predicate can use an index");
    assertThat(plan.at("/execution/rootRowsScanned").asLong()).isEqualTo(14);
    assertThat(plan.at("/execution/complete").asBoolean()).isTrue();
  }

  @Test
  void startsAJoinFromTheBoundTwinAndWalksIncomingRelationships() {
    JsonNode plan = queries.explain("SELECT F, R FROM DIGITALTWINS F JOIN R RELATED F.contains "
        + "WHERE R.$dtId = 'room-12'");
    assertThat(plan.at("/start/collection").asText()).isEqualTo("R");
    assertThat(plan.at("/start/access").asText()).isEqualTo("idLookup");
    assertThat(plan.at("/steps/0/via").asText()).isEqualTo("incoming");
    assertThat(plan.at("/execution/rowsReturned").asLong()).isEqualTo(1);
  }

  @Test
  void reportsWhereTheBudgetStoppedAnExplainedQuery() {
    QueryService tight = new QueryService(Buildings.graph()::open,
        QueryLimits.defaults().withWorkBudgetPerPage(5), java.time.Clock.systemUTC());
    JsonNode plan = tight.explain("SELECT * FROM DIGITALTWINS WHERE name = 'Lab'");
    assertThat(plan.at("/execution/complete").asBoolean()).isFalse();
    assertThat(plan.get("stoppedBy").asText()).contains("query too expensive");
  }

  @Test
  void servesInOnAnIndexedPropertyWithOneEqualityRangePerValue() {
    JsonNode plan = queries.explain("SELECT * FROM DIGITALTWINS WHERE status IN ['warn', 'fault', 'warn']");
    assertThat(plan.at("/start/access").asText()).isEqualTo("propertyIndex");
    assertThat(plan.at("/start/range").asText()).isEqualTo("IN ['fault', 'warn']");
    assertThat(plan.at("/start/estimatedRows").asLong()).isEqualTo(4);
    assertThat(plan.at("/start/residualFilters")).isEmpty();
  }

  @Test
  void turnsAnOrOfEqualitiesIntoAnIndexableIn() {
    JsonNode ids = queries.explain("SELECT * FROM DIGITALTWINS T WHERE T.$dtId = 'pump-2' OR T.$dtId = 'b1'");
    assertThat(ids.at("/start/access").asText()).isEqualTo("idLookup");
    assertThat(ids.at("/execution/rowsReturned").asLong()).isEqualTo(2);
    JsonNode status = queries.explain("SELECT * FROM DIGITALTWINS WHERE status = 'warn' OR status IN ['fault']");
    assertThat(status.at("/start/range").asText()).isEqualTo("IN ['fault', 'warn']");
    JsonNode mixed = queries.explain("SELECT * FROM DIGITALTWINS WHERE status = 'warn' OR name = 'Lab'");
    assertThat(mixed.at("/start/access").asText()).isEqualTo("fullScan");
    assertThat(mixed.at("/execution/rowsReturned").asLong()).isEqualTo(2);
  }
}
