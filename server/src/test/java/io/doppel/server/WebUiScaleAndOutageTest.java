package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UI with thousands of twins, a burst of events, and a server that goes away and comes back. */
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
      double data = UiBrowser.number(page, "performance.getEntriesByName('doppel:graph-data')[0].startTime");
      double elements = UiBrowser.number(page, "performance.getEntriesByName('doppel:graph-elements')[0].duration");
      double layout = UiBrowser.number(page, "performance.getEntriesByName('doppel:graph-layout')[0].duration");
      double drawn = UiBrowser.number(page, "performance.getEntriesByName('doppel:graph-drawn')[0].startTime");
      System.out.printf("UI graph of %d twins and %d relationships: data read after %.0f ms, elements %.0f ms, layout"
          + " %.0f ms, drawn %.0f ms after navigation%n", TWINS, TWINS, data, elements, layout, drawn);
      System.out.println("UI graph of " + TWINS + " twins, where the time went: " + UiBrowser.timeline(page));
      UiBrowser.screenshot(page, "graph-5000");
      panAndZoom(page, graph);
      clickATwin(page, "n4242");
      page.context().close();
    }
  }

  /** Drags the whole graph about and zooms in and out with the wheel, printing the frames the page drew meanwhile. */
  private static void panAndZoom(Page page, Locator graph) {
    var box = graph.boundingBox();
    // A corner inside the fit's padding: the drag starts on the background (on a twin it would move the twin).
    double x = box.x + 8;
    double y = box.y + 8;
    String panX = "document.getElementById('graph').cytoscape.pan().x";
    double panBefore = UiBrowser.number(page, panX);
    for (String drag : List.of("first", "second")) {
      UiBrowser.recordFrames(page);
      page.mouse().move(x, y);
      page.mouse().down();
      page.mouse().move(x + 400, y + 200, new Mouse.MoveOptions().setSteps(40));
      page.mouse().move(x + 100, y + 50, new Mouse.MoveOptions().setSteps(40)); // a net pan of (100, 50)
      page.mouse().up();
      System.out.println("UI graph of " + TWINS + " twins, panned by dragging (" + drag + " drag): "
          + UiBrowser.frameGaps(page));
    }
    assertThat(UiBrowser.number(page, panX)).as("the drag panned the graph").isNotEqualTo(panBefore);

    String zoom = "document.getElementById('graph').cytoscape.zoom()";
    double zoomBefore = UiBrowser.number(page, zoom);
    page.mouse().move(box.x + box.width / 2, box.y + box.height / 2);
    UiBrowser.recordFrames(page);
    for (int i = 0; i < 10; i++) {
      page.mouse().wheel(0, -120);
      page.waitForTimeout(30);
    }
    double zoomedIn = UiBrowser.number(page, zoom);
    for (int i = 0; i < 10; i++) {
      page.mouse().wheel(0, 120);
      page.waitForTimeout(30);
    }
    System.out.println("UI graph of " + TWINS + " twins, zoomed in and out by the wheel: " + UiBrowser.frameGaps(page));
    assertThat(zoomedIn).as("the wheel zoomed in").isGreaterThan(zoomBefore);
  }

  /**
   * Zooms to a twin, clicks it, and prints the time from the press of the button to the frame after the side panel
   * shows it.
   */
  private static void clickATwin(Page page, String id) {
    var point = (java.util.Map<?, ?>) page.evaluate("""
        id => {
          const container = document.getElementById('graph');
          const cy = container.cytoscape;
          const node = cy.getElementById(id);
          cy.zoom({ level: 1.5, position: node.position() });
          cy.center(node);
          const rect = container.getBoundingClientRect();
          const at = node.renderedPosition();
          const side = document.querySelector('.side');
          window.doppelClick = new Promise(resolve => {
            let pressed = null;
            container.addEventListener('mousedown', () => { pressed = performance.now(); }, { capture: true, once: true });
            new MutationObserver((changes, observer) => {
              if (side.querySelector('h2')?.textContent !== id) return;
              observer.disconnect();
              requestAnimationFrame(() => {
                const selected = performance.getEntriesByName('doppel:twin-selected').at(-1);
                resolve(`the page's select began ${Math.round(selected.startTime - pressed)} ms after the press`
                  + ` (cytoscape's hit test and tap), took ${Math.round(selected.duration)} ms (selection and side`
                  + ` panel), the next frame came ${Math.round(performance.now() - pressed)} ms after the press`);
              });
            }).observe(side, { childList: true, subtree: true });
          });
          return { x: rect.x + at.x, y: rect.y + at.y };
        }""", id);
    page.waitForTimeout(200); // the zoom's frame drawn
    page.mouse().click(((Number) point.get("x")).doubleValue(), ((Number) point.get("y")).doubleValue());
    PlaywrightAssertions.assertThat(page.locator(".side h2").first()).hasText(id);
    System.out.printf("UI graph of %d twins: a click on a twin: %s%n", TWINS, page.evaluate("window.doppelClick"));
    UiBrowser.screenshot(page, "graph-5000-selected");
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

        // A twin page open across the next restart follows the new server's changes live.
        page.navigate(second.baseUri() + "/ui/twins/checkout");
        PlaywrightAssertions.assertThat(page.locator("#live-state")).hasText("live");
        second.close();
        PlaywrightAssertions.assertThat(page.locator("#banner")).containsText("does not answer");
        try (DoppelServer third = DoppelServer.start(ServerConfig.ephemeral().withDemo(true).withPort(port))) {
          PlaywrightAssertions.assertThat(page.locator("#banner"))
              .isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(30_000));
          PlaywrightAssertions.assertThat(page.locator("#live-state")).hasText("live");
          new Http(third.baseUri()).patch("/digitaltwins/checkout",
              "[{\"op\":\"replace\",\"path\":\"/replicas\",\"value\":9}]");
          PlaywrightAssertions.assertThat(page.locator("table.properties[data-of='/'] tr[data-prop='replicas'] td.value"))
              .hasText("9");
        }
      }
    } finally {
      page.context().close();
    }
  }

  @Test
  void theLiveEventsPageResumesFromItsCursorAcrossARestartOnTheSameData(@TempDir Path data) throws Exception {
    ServerConfig config = ServerConfig.ephemeral().withDemo(true).withDataDir(data);
    DoppelServer first = DoppelServer.start(config);
    int port = first.port();
    Page page = browser.newPage();
    try {
      page.navigate(first.baseUri() + "/ui/events?twin=payment");
      PlaywrightAssertions.assertThat(page.locator("#events-state")).hasText("live");
      replicas(first, 11);
      replicas(first, 12);
      PlaywrightAssertions.assertThat(page.locator("#view .page[data-total='2']")).isAttached();
      first.close();
      PlaywrightAssertions.assertThat(page.locator("#events-state")).containsText("reconnecting");
      // Stay down while the page's reconnect delay (0.5 s, doubling) grows past the restart, so that the writes
      // below are made while it is away and only its cursor can bring them.
      Thread.sleep(8_000);
      try (DoppelServer second = DoppelServer.start(config.withPort(port))) {
        for (int r = 13; r <= 15; r++) {
          replicas(second, r);
        }
        String stateWhileWritten = page.locator("#events-state").textContent();
        PlaywrightAssertions.assertThat(page.locator("#events-state"))
            .hasText("live", new LocatorAssertions.HasTextOptions().setTimeout(30_000));
        PlaywrightAssertions.assertThat(page.locator("#view .page[data-total='5']")).isAttached();
        Locator rows = page.locator("#events-table tbody tr:visible");
        PlaywrightAssertions.assertThat(rows).hasCount(5);
        for (int i = 0; i < 5; i++) {
          PlaywrightAssertions.assertThat(rows.nth(i)).containsText("/replicas = " + (15 - i));
        }
        assertThat(stateWhileWritten).as("the page was away while the writes were made").isNotEqualTo("live");
        UiBrowser.screenshot(page, "events-resumed-after-restart");
      }
    } finally {
      page.context().close();
    }
  }

  private static void replicas(DoppelServer server, int value) {
    Http.Response r = new Http(server.baseUri()).patch("/digitaltwins/payment",
        "[{\"op\":\"replace\",\"path\":\"/replicas\",\"value\":" + value + "}]");
    assertThat(r.status()).as(r.text()).isEqualTo(204);
  }

  @Test
  void theLiveEventsPageCountsEveryEventOfABurstAndKeepsItsTableBounded() throws Exception {
    int events = 5_000;
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral())) {
      oneTwin(server.engine());
      Page page = browser.newPage();
      page.navigate(server.baseUri() + "/ui/events");
      PlaywrightAssertions.assertThat(page.locator("#events-state")).hasText("live");
      PlaywrightAssertions.assertThat(page.locator("#view .page[data-total='0']")).isAttached();
      long started = System.nanoTime();
      List<CompletableFuture<?>> writes = new ArrayList<>();
      for (int i = 0; i < events; i++) {
        ArrayNode patch = (ArrayNode) Json.MAPPER.readTree("[{\"op\":\"replace\",\"path\":\"/load\",\"value\":" + i + "}]");
        writes.add(server.engine().submitPatch("burst", patch, Precondition.none()));
      }
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
      double written = (System.nanoTime() - started) / 1e9;
      try {
        PlaywrightAssertions.assertThat(page.locator("#view .page[data-total='" + events + "']"))
            .isAttached(new LocatorAssertions.IsAttachedOptions().setTimeout(60_000));
      } catch (AssertionError e) {
        UiBrowser.screenshot(page, "events-burst-failed");
        throw new AssertionError("the page counted " + page.locator("#events-count").textContent(), e);
      }
      double counted = (System.nanoTime() - started) / 1e9;
      assertThat(page.locator("#events-table tbody tr").count()).isEqualTo(200);
      PlaywrightAssertions.assertThat(page.locator("#events-table tbody tr").first()).containsText("/load = " + (events - 1));
      System.out.printf("UI live events: %d events written in %.1f s (%.0f/s), all counted by the page after %.1f s%n",
          events, written, events / written, counted);
      UiBrowser.screenshot(page, "events-burst");
      page.context().close();

      // The page's own pace: the same events replayed from the ring as fast as the server sends them.
      long before = server.engine().version() - events;
      Page replay = browser.newPage();
      replay.navigate(server.baseUri() + "/ui/events?cursor=" + before);
      PlaywrightAssertions.assertThat(replay.locator("#view .page[data-total='" + events + "']"))
          .isAttached(new LocatorAssertions.IsAttachedOptions().setTimeout(60_000));
      double start = UiBrowser.number(replay, "performance.getEntriesByName('doppel:events-subscribed')[0].startTime");
      double done = UiBrowser.number(replay, "performance.now()");
      System.out.printf("UI live events: a replay of %d events counted and drawn within %.0f ms of subscribing (at least %.0f/s)%n",
          events, done - start, events * 1000 / (done - start));
      replay.context().close();
    }
  }

  private static void oneTwin(TwinEngine engine) {
    engine.addModels(List.of("""
        {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:ui:Meter;1","@type":"Interface",
         "contents":[{"@type":"Property","name":"load","schema":"double"}]}"""));
    ObjectNode twin = Json.MAPPER.createObjectNode();
    twin.putObject("$metadata").put("$model", "dtmi:test:ui:Meter;1");
    engine.putTwin("burst", twin.put("load", 0), Precondition.none());
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
