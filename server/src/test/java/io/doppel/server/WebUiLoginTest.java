package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The UI of a server that requires authentication, in a real Chromium: a visitor is sent to the login page, a wrong
 * key is refused there, the right one opens the graph, and the key lives only in an HttpOnly, SameSite=Strict cookie.
 */
class WebUiLoginTest {
  private static final String ADMIN_KEY = "admin-key-for-ui-tests-0123456789";
  private static DoppelServer server;
  private static UiBrowser browser;

  @BeforeAll
  static void start() {
    server = DoppelServer.start(ServerConfig.ephemeralSecured(ADMIN_KEY).withDemo(true));
    browser = new UiBrowser();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    server.close();
  }

  @Test
  void aVisitorSignsInWithAnApiKeyAndSeesTheGraph() {
    Page page = browser.newPage();
    try {
      page.navigate(server.baseUri() + "/");
      page.waitForURL("**/ui/login");
      page.locator("#api-key").fill("dpk_0123456789abcdef_" + "B".repeat(43));
      page.locator("#login-submit").click();
      PlaywrightAssertions.assertThat(page.locator("#login-error")).isVisible();
      PlaywrightAssertions.assertThat(page.locator("#login-error")).containsText("unknown or revoked API key");
      assertThat(page.context().cookies()).isEmpty();

      page.locator("#api-key").fill(ADMIN_KEY);
      page.locator("#login-submit").click();
      page.waitForURL("**/ui/graph");
      PlaywrightAssertions.assertThat(page.locator("#graph[data-ready='true']")).isAttached();
      Cookie cookie = page.context().cookies().getFirst();
      assertThat(cookie.name).isEqualTo("doppel_key");
      assertThat(cookie.httpOnly).isTrue();
      assertThat(cookie.sameSite).isEqualTo(SameSiteAttribute.STRICT);
      // scripts on the page cannot read the key
      assertThat(page.evaluate("document.cookie").toString()).doesNotContain("doppel_key");
      UiBrowser.screenshot(page, "login-then-graph");
    } finally {
      page.context().close();
    }
  }
}
