package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The web UI in a real Chromium against a real server with the demo loaded: the journeys a user takes, each ending
 * with a screenshot under {@code target/ui-screenshots/}. Every test uses its own twins, so their order is free.
 */
class WebUiTest {
  private static DoppelServer server;
  private static Http http;
  private static UiBrowser browser;
  private Page page;

  @BeforeAll
  static void start() {
    server = DoppelServer.start(ServerConfig.ephemeral().withDemo(true));
    http = new Http(server.baseUri());
    browser = new UiBrowser();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    server.close();
  }

  @BeforeEach
  void open() {
    page = browser.newPage();
  }

  @AfterEach
  void shoot(TestInfo test) {
    UiBrowser.screenshot(page, test.getTestMethod().orElseThrow().getName());
    page.context().close();
  }

  private void go(String path) {
    page.navigate(server.baseUri() + path);
  }

  @Test
  void theGraphShowsEveryDemoTwinAndRelationship() {
    go("/");
    Locator graph = page.locator("#graph[data-ready='true']");
    PlaywrightAssertions.assertThat(graph).isVisible();
    long relationships = http.post("/query",
        "{\"query\":\"SELECT COUNT() FROM RELATIONSHIPS R\"}").json().path("value").get(0).path("COUNT").asLong();
    assertThat(graph.getAttribute("data-nodes")).isEqualTo(String.valueOf(server.engine().twinCount()));
    assertThat(graph.getAttribute("data-edges")).isEqualTo(String.valueOf(relationships));
    assertThat(server.engine().twinCount()).isGreaterThan(50);
    // Reported, never asserted: the time from navigation start to the graph drawn, and where it went.
    printFirstPaint(page, "");
    // Once more in a fresh browser context (nothing cached), the server's code paths now warm.
    Page again = browser.newPage();
    try {
      again.navigate(server.baseUri() + "/");
      PlaywrightAssertions.assertThat(again.locator("#graph[data-ready='true']")).isVisible();
      printFirstPaint(again, ", again in a fresh browser");
    } finally {
      again.context().close();
    }
    UiBrowser.screenshot(page, "graph");
  }

  private static void printFirstPaint(Page page, String label) {
    double drawn = UiBrowser.number(page, "performance.getEntriesByName('doppel:graph-drawn')[0].startTime");
    double data = UiBrowser.number(page, "performance.getEntriesByName('doppel:graph-data')[0].startTime");
    double elements = UiBrowser.number(page, "performance.getEntriesByName('doppel:graph-elements')[0].duration");
    double layout = UiBrowser.number(page, "performance.getEntriesByName('doppel:graph-layout')[0].duration");
    System.out.printf("UI first paint of the demo graph (%d twins)%s: drawn %.0f ms after navigation (data read at %.0f ms,"
        + " elements %.0f ms, layout %.0f ms); %s%n", server.engine().twinCount(), label, drawn, data, elements, layout,
        UiBrowser.timeline(page));
  }

  @Test
  void aTwinChosenInTheGraphShowsBesideItAndLinksToItsInspector() {
    go("/ui/graph?select=checkout&color=replicas");
    PlaywrightAssertions.assertThat(page.locator("#graph[data-ready='true']")).isAttached();
    PlaywrightAssertions.assertThat(page.locator(".side h2").first()).hasText("checkout");
    PlaywrightAssertions.assertThat(page.locator(".legend")).containsText("replicas");
    page.locator("#inspect-link").click();
    PlaywrightAssertions.assertThat(page).hasURL(Pattern.compile(".*/ui/twins/checkout$"));
    PlaywrightAssertions.assertThat(page.locator("h1")).containsText("checkout");
  }

  @Test
  void aTwinFoundBySearchIsInspectedAndItsValuesChangeLive() {
    go("/");
    PlaywrightAssertions.assertThat(page.locator("#graph[data-ready='true']")).isAttached();
    page.locator("#search-input").fill("checkout");
    page.locator("#search-input").press("Enter");
    PlaywrightAssertions.assertThat(page.locator(".side h2").first()).hasText("checkout"); // selected in the graph
    page.locator("#inspect-link").click();
    PlaywrightAssertions.assertThat(page).hasURL(Pattern.compile(".*/ui/twins/checkout$"));
    Locator replicas = page.locator("table.properties[data-of='/'] tr[data-prop='replicas'] td.value");
    PlaywrightAssertions.assertThat(replicas).hasText("3");
    PlaywrightAssertions.assertThat(page.locator("#live-state")).hasText("live");
    PlaywrightAssertions.assertThat(page.locator("#relationships")).containsText("payment");
    PlaywrightAssertions.assertThat(page.locator("#model-docs")).containsText("sloLatency");

    Http.Response patched = http.patch("/digitaltwins/checkout", "[{\"op\":\"replace\",\"path\":\"/replicas\",\"value\":7}]");
    assertThat(patched.status()).isEqualTo(204);
    PlaywrightAssertions.assertThat(replicas).hasText("7");
  }

  @Test
  void historyChartMarksARaisedAnomaly() {
    for (int i = 0; i < 350; i++) {
      assertThat(http.post("/digitaltwins/machining-cnc-3-temp/telemetry",
          "{\"temperature\":" + (60 + Math.sin(i * 1.7)) + "}").status()).isEqualTo(204);
    }
    http.post("/digitaltwins/machining-cnc-3-temp/telemetry", "{\"temperature\":140}");
    go("/ui/twins/machining-cnc-3-temp");
    page.locator("#chart-series").selectOption("temperature");
    PlaywrightAssertions.assertThat(page.locator("#history-chart .uplot[data-anomalies='1']")).isAttached();
  }

  @Test
  void historyChartDrawsTheForecastAfterTheLastValue() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    for (int i = 120; i >= 1; i--) { // one value every 30 s over the last hour: a slow upward drift with a wobble
      Http.Response sent = http.post("/digitaltwins/machining-cnc-1-temp/telemetry",
          "{\"temperature\":" + (70 - i * 0.05 + Math.sin(i)) + "}", "Telemetry-Source-Time",
          now.minusSeconds(30L * i).toString());
      assertThat(sent.status()).isEqualTo(204);
    }
    go("/ui/twins/machining-cnc-1-temp");
    page.locator("#chart-series").selectOption("temperature");
    // a quarter of the hour shown, in minutes: 15 forecast steps after the last value
    PlaywrightAssertions.assertThat(page.locator("#history-chart .uplot[data-forecast='15']")).isAttached();
    UiBrowser.screenshot(page, "history-with-forecast");
  }

  @Test
  void theInspectorShowsAWarningAndTheChartMarksItsTime() {
    String model = http.get("/digitaltwins/machining-cnc-1-temp").json().path("$metadata").path("$model").asText();
    Http.Response created = http.put("/digitaltwins/ui-warned-temp", "{\"$metadata\":{\"$model\":\"" + model + "\"}}");
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    // one value every 30 s over the last three hours, rising 0.2 a minute to about 72: enough history for the
    // forecaster to validate its choice on an hour (shorter series get a combination that follows trends slowly)
    for (int i = 360; i >= 1; i--) {
      Http.Response sent = http.post("/digitaltwins/ui-warned-temp/telemetry",
          "{\"temperature\":" + (72 - i * 0.1 + 0.05 * Math.sin(i)) + "}", "Telemetry-Source-Time",
          now.minusSeconds(30L * i).toString());
      assertThat(sent.status()).isEqualTo(204);
    }
    server.history().caughtUp().join();
    Http.Response defined = http.put("/warnings/ui-hot", "{\"twin\":\"ui-warned-temp\",\"series\":\"temperature\","
        + "\"above\":75,\"within\":\"PT1H\",\"interval\":\"PT1M\"}");
    assertThat(defined.status()).as(defined.text()).isEqualTo(200);
    go("/ui/twins/ui-warned-temp");
    Locator warnings = page.locator("#twin-warnings[data-count='1']");
    PlaywrightAssertions.assertThat(warnings).isVisible();
    PlaywrightAssertions.assertThat(warnings).containsText(Pattern.compile(
        "temperature crosses 75 at about \\d\\d:\\d\\d \\(80%: \\d\\d:\\d\\d\\.\\.\\d\\d:\\d\\d\\)"));
    page.locator("#chart-series").selectOption("temperature");
    PlaywrightAssertions.assertThat(page.locator("#history-chart .uplot[data-warnings='1']")).isAttached();
    UiBrowser.screenshot(page, "history-with-warning");
    http.delete("/warnings/ui-hot");
  }

  @Test
  void historyChartDrawsPostedTelemetry() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    for (int minutesAgo = 3; minutesAgo >= 1; minutesAgo--) {
      Http.Response sent = http.post("/digitaltwins/machining-cnc-2-temp/telemetry",
          "{\"temperature\":" + (60 + minutesAgo) + "}", "Telemetry-Source-Time", now.minus(minutesAgo, ChronoUnit.MINUTES).toString());
      assertThat(sent.status()).isEqualTo(204);
    }
    go("/ui/twins/machining-cnc-2-temp");
    page.locator("#chart-series").selectOption("temperature");
    PlaywrightAssertions.assertThat(page.locator("#history-chart[data-points='3'] canvas")).isVisible();
    PlaywrightAssertions.assertThat(page.locator("#latest tr[data-series='temperature']")).containsText("61");
  }

  @Test
  void aQueryFillsTheTableAndHighlightsItsTwinsInTheGraph() {
    go("/ui/query");
    page.locator("#query-text").fill("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:io:doppel:examples:platform:Service;1')");
    page.locator("#query-run").click();
    PlaywrightAssertions.assertThat(page.locator("#query-table tbody tr")).hasCount(15);
    UiBrowser.screenshot(page, "query-table");
    page.locator("#query-graph").click();
    PlaywrightAssertions.assertThat(page.locator("#graph[data-highlighted='15']")).isAttached();
  }

  @Test
  void theQueryConsolePagesWithTheContinuationTokenAndShowsThePlan() {
    go("/ui/query");
    page.locator("#query-text").fill("SELECT T.$dtId FROM DIGITALTWINS T");
    page.locator("#query-run").click();
    PlaywrightAssertions.assertThat(page.locator("#query-table tbody tr")).hasCount(50);
    int pages = (int) ((server.engine().twinCount() + 49) / 50);
    for (int shown = 2; shown <= pages; shown++) {
      page.locator("#query-more").click();
      PlaywrightAssertions.assertThat(page.locator("#query-table tbody tr"))
          .hasCount((int) Math.min(server.engine().twinCount(), shown * 50L));
    }
    PlaywrightAssertions.assertThat(page.locator("#query-more")).hasCount(0);

    page.locator("#query-text").fill("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:io:doppel:examples:factory:Machine;1')");
    page.locator("#query-explain").click();
    PlaywrightAssertions.assertThat(page.locator("#query-plan")).containsText("\"access\"");
    PlaywrightAssertions.assertThat(page.locator("#query-plan")).containsText("rowsReturned");
  }

  @Test
  void aQueryErrorShowsWhereItIs() {
    go("/ui/query");
    page.locator("#query-text").fill("SELECT * FROM DIGITALTWINS WHERE replicas >");
    page.locator("#query-run").click();
    PlaywrightAssertions.assertThat(page.locator("#query-result .error")).containsText("QUERY_INVALID");
    PlaywrightAssertions.assertThat(page.locator("#query-error-position")).containsText("line 1, column 44");
  }

  @Test
  void anUnknownTwinInTheUrlIsExplained() {
    go("/ui/twins/no-such-twin");
    PlaywrightAssertions.assertThat(page.locator("#twin-not-found")).containsText("There is no twin 'no-such-twin'");
  }

  @Test
  void searchingFromAnotherPageOpensTheTwinOrExplainsItIsUnknown() {
    go("/ui/models");
    page.locator("#search-input").fill("payment-provider");
    page.locator("#search-input").press("Enter");
    PlaywrightAssertions.assertThat(page).hasURL(Pattern.compile(".*/ui/twins/payment-provider$"));
    PlaywrightAssertions.assertThat(page.locator("h1")).containsText("payment-provider");
    page.locator("#search-input").fill("payment-nowhere");
    page.locator("#search-input").press("Enter");
    PlaywrightAssertions.assertThat(page.locator("#twin-not-found")).containsText("There is no twin 'payment-nowhere'");
    PlaywrightAssertions.assertThat(page.locator("#view")).containsText("payment-provider"); // a similar id
  }

  @Test
  void theLiveEventsPageShowsChangesAsTheyHappen() {
    go("/ui/events");
    PlaywrightAssertions.assertThat(page.locator("#events-state")).hasText("live");
    for (int i = 0; i < 5; i++) {
      http.patch("/digitaltwins/payment", "[{\"op\":\"replace\",\"path\":\"/replicas\",\"value\":" + (10 + i) + "}]");
    }
    PlaywrightAssertions.assertThat(page.locator("#events-table tbody tr")).hasCount(5);
    PlaywrightAssertions.assertThat(page.locator("#events-table tbody tr").first()).containsText("payment");
  }

  @Test
  void aLiveEventsFilterTheServerRefusesIsExplainedNotRetried() {
    go("/ui/events?model=Room");
    // the server's error frame, before it closes the socket, carries the whole reason
    PlaywrightAssertions.assertThat(page.locator("#events-state"))
        .hasText("failed: INVALID_ARGUMENT: model: not a valid DTMI: 'Room'");
    assertThat(page.locator("#view .error").count()).isZero();
  }

  @Test
  void aScenarioRunOnTheDemoTwinShowsItsComparisonAndChart() {
    go("/ui/scenarios?id=ui-scale-out");
    Locator text = page.locator("#scenario-text");
    PlaywrightAssertions.assertThat(text).hasValue(Pattern.compile("\"changes\""));
    text.fill("""
        {"horizon": 300, "warmup": 30, "replications": 3, "seed": 2, "window": 30,
         "changes": [{"type": "demand", "factor": 1.4},
                     {"type": "setProperty", "twin": "web-frontend", "property": "replicas", "value": 2}]}""");
    page.locator("#scenario-run").click();
    Locator table = page.locator("#scenario-comparison");
    // the run takes seconds of CPU: wait for it longer than an assertion's default 5 s
    PlaywrightAssertions.assertThat(table).isVisible(
        new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(120_000));
    PlaywrightAssertions.assertThat(page.locator("#scenario-status")).containsText("done: 6/6 replications");
    Locator worse = table.locator("tr.verdict-worse[data-scope='web-frontend'][data-metric='meanResponse']");
    PlaywrightAssertions.assertThat(worse).isVisible();
    assertThat(worse.evaluate("r => getComputedStyle(r.cells[0]).backgroundColor")).isEqualTo("rgb(255, 235, 233)");
    PlaywrightAssertions.assertThat(page.locator("#scenario-chart[data-ready='true']")).isAttached();
    assertThat(page.locator("#scenario-chart").getAttribute("data-points")).isEqualTo("10");
    // each side's mean drawn inside its 95% band over the replications
    assertThat(page.locator("#scenario-chart").getAttribute("data-bands")).isEqualTo("2");
    page.locator("#scenario-series").selectOption("web-frontend.utilisation");
    PlaywrightAssertions.assertThat(page.locator("#scenario-chart[data-ready='true']")).isAttached();
    PlaywrightAssertions.assertThat(page.locator("#scenario-list")).containsText("ui-scale-out");
    assertThat(http.get("/scenarios/ui-scale-out").json().path("version").asInt()).isEqualTo(1);
  }

  @Test
  void aScenarioThatDoesNotFitTheGraphShowsTheFieldInError() {
    go("/ui/scenarios?id=ui-ghost");
    Locator text = page.locator("#scenario-text");
    PlaywrightAssertions.assertThat(text).hasValue(Pattern.compile("\"changes\""));
    text.fill("{\"changes\": [{\"type\": \"removeTwin\", \"twin\": \"ghost\"}]}");
    page.locator("#scenario-run").click();
    PlaywrightAssertions.assertThat(page.locator("#scenario-output .error")).containsText("changes[0].twin");
  }

  @Test
  void operationsPagesWorkWithOrWithoutTheirApi() {
    go("/ui/alerts");
    // A server without /alerts says so; one with it lists what it answers. Never an error box.
    PlaywrightAssertions.assertThat(page.locator("#view")).containsText(Pattern.compile("Not available on this server|from /alerts"));
    assertThat(page.locator("#view .error").count()).isZero();
  }

  @Test
  void theLiveHelpersApplyPatchesAndKeepTheNewestEvents() {
    go("/ui/static/index.html");
    Object result = page.evaluate("""
        async () => {
          const { applyPatch } = await import('/ui/static/patch.js');
          const { Ring } = await import('/ui/static/ring.js');
          const twin = { a: 1, motor: { $metadata: {}, speed: 5 }, list: [1] };
          const changed = applyPatch(twin, [
            { op: 'replace', path: '/a', value: 2 }, { op: 'add', path: '/motor/speed', value: 7 },
            { op: 'remove', path: '/gone' }, { op: 'add', path: '/list/-', value: 2 },
            { op: 'move', from: '/a', path: '/b' }, { op: 'add', path: '/x~1y', value: true }]);
          const ring = new Ring(3);
          for (let i = 1; i <= 5; i++) ring.push(i);
          return JSON.stringify({ twin, changed: [...changed], newest: ring.newest(), size: ring.size });
        }""");
    assertThat(result).isEqualTo("{\"twin\":{\"motor\":{\"$metadata\":{},\"speed\":7},\"list\":[1,2],\"b\":2,\"x/y\":true},"
        + "\"changed\":[\"/a\",\"/motor/speed\",\"/gone\",\"/list/-\",\"/b\",\"/x~1y\"],\"newest\":[5,4,3],\"size\":3}");
  }

  @Test
  void theModelsPageShowsTheInheritanceTreeAndInheritedContents() {
    go("/ui/models");
    page.locator("#model-tree a", new Page.LocatorOptions().setHasText("CNC machining centre")).click();
    long cncTwins = http.post("/query", "{\"query\":\"SELECT COUNT() FROM DIGITALTWINS WHERE "
        + "IS_OF_MODEL('dtmi:io:doppel:examples:factory:CncMachine;1')\"}").json().path("value").get(0).path("COUNT").asLong();
    PlaywrightAssertions.assertThat(page.locator("#model-detail")).containsText(cncTwins + " twins of this model");
    PlaywrightAssertions.assertThat(page.locator("#model-detail")).isVisible();
    PlaywrightAssertions.assertThat(page.locator("#model-detail table")).containsText("mtbfHours"); // from Machine
  }
}
