package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import io.doppel.server.UiBrowser;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The journey "see an alert appear after an injected incident", in a real Chromium: a demo server, the user's own
 * {@code doppel generate --rules --incident latency-spike:payment} feeding it, and the alert showing up by itself in
 * the alerts list and on the twin's page. Screenshots under {@code target/ui-screenshots/}.
 */
class WebUiIncidentAlertTest {
  /** The spike's errors must hold for the rule's 20 s before the alert is active; the page reads every 3 s. */
  private static final double ALERT_PATIENCE_MS = 90_000;

  @Test
  void anInjectedLatencySpikeRaisesAnAlertThatAppearsInTheListAndOnTheTwin() throws Exception {
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDemo(true));
        UiBrowser browser = new UiBrowser()) {
      Page page = browser.newPage();
      page.navigate(server.baseUri() + "/ui/alerts");
      PlaywrightAssertions.assertThat(page.locator("#view h1")).hasText("Alerts");
      PlaywrightAssertions.assertThat(page.locator("#view")).containsText("None.");

      CompletableFuture<GenerateCommandTest.Run> generate = CompletableFuture.supplyAsync(() ->
          GenerateCommandTest.run("generate", "--url", server.baseUri().toString(), "--packs", "software-platform",
              "--rules", "--incidents-every", "PT0S", "--incident", "latency-spike:payment:PT3M",
              "--duration", "PT50S", "--report-every", "PT5S"));
      try {
        Locator alert = page.locator("#view tbody tr", new Page.LocatorOptions().setHasText("service-errors"))
            .filter(new Locator.FilterOptions().setHasText("payment"));
        PlaywrightAssertions.assertThat(alert).containsText("active",
            new LocatorAssertions.ContainsTextOptions().setTimeout(ALERT_PATIENCE_MS));
        PlaywrightAssertions.assertThat(alert).containsText("critical");
        UiBrowser.screenshot(page, "alert-after-incident");

        alert.locator("a", new Locator.LocatorOptions().setHasText("payment")).click();
        PlaywrightAssertions.assertThat(page).hasURL(Pattern.compile(".*/ui/twins/payment$"));
        PlaywrightAssertions.assertThat(page.locator("#twin-alerts tr[data-rule='service-errors'][data-state='active']"))
            .isVisible();
        // the incident's other face, live on the twin: the service is degraded
        PlaywrightAssertions.assertThat(page.locator("table.properties[data-of='/'] tr[data-prop='status'] td.value"))
            .hasText("degraded");
        UiBrowser.screenshot(page, "alert-on-twin");
      } finally {
        GenerateCommandTest.Run run = generate.get(120, TimeUnit.SECONDS);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("incident: latency-spike on payment").contains("failed 0");
      }
      page.context().close();
    }
  }
}
