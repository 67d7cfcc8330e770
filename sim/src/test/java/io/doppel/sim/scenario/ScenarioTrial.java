package io.doppel.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.sim.twin.ShopTwins;
import io.doppel.sim.twin.SimGraph;
import io.doppel.twin.DoppelException;

/**
 * One fuzz trial of a scenario definition, as the scenarios route meets it: parse, then compile the changed graph
 * and the baseline into networks (not run: the kernel has its own tests and event budgets). The only failure
 * allowed is a DoppelException whose message starts with the offending field.
 */
final class ScenarioTrial {
  static final SimGraph SHOP = ShopTwins.graph();

  private ScenarioTrial() {}

  static String run(String text) {
    JsonNode json;
    try {
      json = ShopTwins.JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return "notJson";
    }
    if (json == null) {
      return "notJson";
    }
    ScenarioDefinition definition;
    try {
      definition = ScenarioParser.parse(json);
    } catch (DoppelException refused) {
      return refusal("parse", refused);
    }
    try {
      ScenarioRunner.prepare(SHOP, definition, null);
      return "compiled";
    } catch (DoppelException refused) {
      return refusal("compile", refused);
    }
  }

  private static String refusal(String stage, DoppelException refused) {
    assertThat(refused.details()).as(refused.getMessage()).isNotEmpty();
    String field = refused.details().get(0).target();
    assertThat(field).as(refused.getMessage()).isNotEmpty();
    assertThat(refused.getMessage()).startsWith(field + ": ");
    return stage + "/" + refused.code() + "/" + field.replaceAll("\\[\\d+\\]", "[]").replaceAll("\\..*", "");
  }
}
