package io.doppel.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One headless Chromium for a test class, driven by Playwright. The browser is the system's ({@code apt-get install
 * chromium}): Playwright's own download is switched off, so that the tests need no network.
 */
public final class UiBrowser implements AutoCloseable {
  static final Path SCREENSHOTS = Paths.get("target", "ui-screenshots");
  private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run");

  private final Playwright playwright;
  private final Browser browser;

  public UiBrowser() {
    Path chromium = findChromium();
    this.playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      this.browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(chromium).setHeadless(true).setArgs(ARGS));
    } catch (RuntimeException e) {
      playwright.close();
      throw e;
    }
  }

  /** A fresh page (own cookies and storage) of a desktop size, its console errors failing nothing but logged. */
  public Page newPage() {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900));
    // Generous: on a loaded 2-core machine a page may take many seconds; a passing step never waits this long.
    context.setDefaultTimeout(45_000);
    // The same for web-first assertions (5 s by default): a graph's layout or a scenario's run can take that long
    // when the suite keeps both cores busy. Assertions that something stays absent read counts instead.
    PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    Page page = context.newPage();
    page.onConsoleMessage(m -> {
      if (m.type().equals("error")) {
        System.out.println("browser console error: " + m.text());
      }
    });
    page.onPageError(e -> System.out.println("browser page error: " + e));
    return page;
  }

  /** A number the page computes; JavaScript numbers arrive as Integer or Double depending on their value. */
  public static double number(Page page, String expression) {
    return ((Number) page.evaluate(expression)).doubleValue();
  }

  /**
   * Where the time before a page's first paint went, from the Performance API: the document, the modules, the
   * page's marks and each API request (start-end, ms after navigation). Printed by the tests, never asserted.
   */
  public static String timeline(Page page) {
    return (String) page.evaluate("""
        (() => {
          const ms = t => t === undefined ? '-' : Math.round(t);
          const mark = n => ms(performance.getEntriesByName(n)[0]?.startTime);
          const resources = performance.getEntriesByType('resource');
          const modules = resources.filter(r => /[.]m?js$/.test(r.name));
          const api = resources.filter(r => !r.name.includes('/ui/static/'))
            .map(r => `${new URL(r.name).pathname} ${ms(r.startTime)}-${ms(r.responseEnd)}`);
          return `document ${ms(performance.getEntriesByType('navigation')[0].responseEnd)}, `
            + `${modules.length} modules loaded by ${ms(Math.max(...modules.map(r => r.responseEnd)))}, `
            + `app started ${mark('doppel:app-start')}, page module ${mark('doppel:page-module')}, `
            + `requests [${api.join(', ')}]`;
        })()""");
  }

  /** Starts recording the page's frames: the time of every requestAnimationFrame callback. */
  public static void recordFrames(Page page) {
    page.evaluate("""
        (() => {
          const frames = window.doppelFrames = { times: [], on: true };
          const tick = t => { frames.times.push(t); if (frames.on) requestAnimationFrame(tick); };
          requestAnimationFrame(tick);
        })()""");
  }

  /**
   * Stops recording and describes the gaps between frames since {@link #recordFrames}: how many frames, the
   * median, 95th percentile and longest gap, and how many were over 50 ms (a frame the user sees as a stall).
   */
  public static String frameGaps(Page page) {
    return (String) page.evaluate("""
        (() => {
          const frames = window.doppelFrames;
          frames.on = false;
          const gaps = frames.times.slice(1).map((t, i) => t - frames.times[i]).sort((a, b) => a - b);
          if (!gaps.length) return 'no frames';
          const at = q => Math.round(gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))]);
          return `${gaps.length + 1} frames, gap median ${at(0.5)} ms, p95 ${at(0.95)} ms, `
            + `max ${Math.round(gaps.at(-1))} ms, ${gaps.filter(g => g > 50).length} over 50 ms`;
        })()""");
  }

  public static void screenshot(Page page, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
  }

  /** DOPPEL_CHROMIUM, else chromium or chromium-browser on the PATH; a clear message when there is none. */
  static Path findChromium() {
    String configured = System.getenv("DOPPEL_CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      return Paths.get(configured);
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    return Stream.of(path.split(java.io.File.pathSeparator))
        .flatMap(dir -> Stream.of(Paths.get(dir, "chromium"), Paths.get(dir, "chromium-browser")))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("The web UI tests need Chromium and found none on the PATH. "
            + "Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`; .ci/run does so when it can) "
            + "or set DOPPEL_CHROMIUM to a Chromium executable."));
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
