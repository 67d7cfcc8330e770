package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The UI with a graph of thousands of twins, and with a server that goes away and comes back. */
class WebUiScaleAndOutageTest {
  private static final int TWINS = 5_000;
  private static final int MODELS = 5;
  private static UiBrowser browser;

  @BeforeAll
  static void start() {
    browser = new UiBrowser();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aGraphOfFiveThousandTwinsIsDrawnWhole() throws Exception {
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral())) {
      load(server.engine());
      Page page = browser.newPage();
      page.navigate(server.baseUri() + "/ui/graph");
      Locator graph = page.locator("#graph[data-ready='true']");
      PlaywrightAssertions.assertThat(graph).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(120_000));
      assertThat(graph.getAttribute("data-nodes")).isEqualTo(String.valueOf(TWINS));
      assertThat(graph.getAttribute("data-edges")).isEqualTo(String.valueOf(TWINS));
      double data = (Double) page.evaluate("performance.getEntriesByName('doppel:graph-data')[0].startTime");
      double layout = (Double) page.evaluate("performance.getEntriesByName('doppel:graph-layout')[0].duration");
      double drawn = (Double) page.evaluate("performance.getEntriesByName('doppel:graph-drawn')[0].startTime");
      System.out.printf("UI graph of %d twins and %d relationships: data read after %.0f ms, elements and layout %.0f ms,"
          + " drawn %.0f ms after navigation%n", TWINS, TWINS, data, layout, drawn);
      UiBrowser.screenshot(page, "graph-5000");
      page.context().close();
    }
  }

  @Test
  void aBannerExplainsAStoppedServerAndGoesOnceItIsBack() {
    DoppelServer first = DoppelServer.start(ServerConfig.ephemeral().withDemo(true));
    int port = first.port();
    Page page = browser.newPage();
    try {
      page.navigate(first.baseUri() + "/ui/query");
      PlaywrightAssertions.assertThat(page.locator("#query-text")).isVisible();
      first.close();
      page.locator("#query-run").click();
      PlaywrightAssertions.assertThat(page.locator("#banner")).containsText("does not answer");
      PlaywrightAssertions.assertThat(page.locator("#query-result .error")).containsText("Server unreachable");
      UiBrowser.screenshot(page, "server-down");
      try (DoppelServer second = DoppelServer.start(ServerConfig.ephemeral().withDemo(true).withPort(port))) {
        // the banner's own retries find it (the delay doubles from 1 s), then the page reads its data again
        PlaywrightAssertions.assertThat(page.locator("#banner")).isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(30_000));
        page.locator("#query-run").click();
        PlaywrightAssertions.assertThat(page.locator("#query-table tbody tr")).hasCount(15);
      }
    } finally {
      page.context().close();
    }
  }

  /** MODELS models, TWINS twins spread over them, one relationship from each twin to another. */
  private static void load(TwinEngine engine) {
    List<String> models = new ArrayList<>();
    for (int m = 0; m < MODELS; m++) {
      models.add("""
          {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:ui:Kind%d;1","@type":"Interface",
           "contents":[{"@type":"Property","name":"load","schema":"double"},{"@type":"Relationship","name":"feeds"}]}"""
          .formatted(m));
    }
    engine.addModels(models);
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (int i = 0; i < TWINS; i++) {
      ObjectNode twin = Json.MAPPER.createObjectNode();
      twin.putObject("$metadata").put("$model", "dtmi:test:ui:Kind" + (i % MODELS) + ";1");
      twin.put("load", i % 100);
      writes.add(engine.putTwinAsync("n" + i, twin, Precondition.none()));
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    for (int i = 0; i < TWINS; i++) {
      ObjectNode relationship = Json.MAPPER.createObjectNode()
          .put("$relationshipName", "feeds").put("$targetId", "n" + ((i * 7 + 1) % TWINS));
      engine.putRelationship("n" + i, "r" + i, relationship, Precondition.none());
    }
  }
}
