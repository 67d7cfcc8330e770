package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The twin inspector and the graph (coloured by the property, the twin selected) open on a twin written over a
 * thousand times a second for at least half a minute, while other twins of the graph change too: each page must show
 * the last value once the writes stop (it catches up, however long that takes on a loaded machine), and its heap,
 * sampled after a forced garbage collection, must not keep growing. The lag, the heaps and the frames are printed.
 */
class WebUiLiveLoadTest {
  private static final String HOT = "hot";
  private static final int OTHERS = 50; // twins m0..m49 beside it in the graph
  private static final int RATE = 1_200; // patches a second to the hot twin asked for; the achieved rate is printed
  private static final int OTHERS_EVERY = 4; // and one to another twin after every 4th
  private static final long WRITE_MILLIS = 30_000;
  private static final int SAMPLES = 12; // heap samples at least: the writes go on until they are taken
  private static final long SAMPLE_MILLIS = 2_500;
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

  /** A page that follows the hot twin: where it shows the value, and a CDP session to read its heap. */
  private record Follower(String name, Page page, Locator shown, CDPSession cdp, List<Double> heapMb, List<Long> lags) {
    Follower(String name, Page page, String shownSelector) {
      this(name, page, page.locator(shownSelector), page.context().newCDPSession(page), new ArrayList<>(),
          new ArrayList<>());
    }

    long shownValue() {
      return Long.parseLong(shown.textContent());
    }

    /** Reads the last submitted right before the value shown: a sample of the other page may take seconds. */
    void sample(AtomicLong submitted) {
      long last = submitted.get();
      lags.add(last - shownValue());
      heapMb.add(heapAfterGc(cdp));
    }
  }

  @Test
  void theInspectorAndTheGraphKeepUpWithAThousandChangesASecondInBoundedMemory() throws Exception {
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral())) {
      meters(server.engine());
      Page inspectorPage = browser.newPage();
      inspectorPage.navigate(server.baseUri() + "/ui/twins/" + HOT);
      PlaywrightAssertions.assertThat(inspectorPage.locator("#live-state")).hasText("live");
      Page graphPage = browser.newPage();
      graphPage.navigate(server.baseUri() + "/ui/graph?select=" + HOT + "&color=load");
      PlaywrightAssertions.assertThat(graphPage.locator("#graph[data-live='live']")).isAttached();
      List<Follower> followers = List.of(
          new Follower("twin inspector", inspectorPage, "table.properties[data-of='/'] tr[data-prop='load'] td.value"),
          new Follower("graph", graphPage, "#side-properties tr[data-prop='load'] td.value"));
      for (Follower f : followers) {
        PlaywrightAssertions.assertThat(f.shown()).hasText("-1");
        UiBrowser.recordFrames(f.page());
      }

      AtomicLong submitted = new AtomicLong(-1); // the last value submitted to the hot twin
      AtomicBoolean sampledEnough = new AtomicBoolean();
      long started = System.nanoTime();
      Future<Long> writing = writer.submit(() -> write(server.engine(), submitted, sampledEnough));
      while (!writing.isDone()) {
        Thread.sleep(SAMPLE_MILLIS);
        followers.forEach(f -> f.sample(submitted));
        sampledEnough.set(followers.getFirst().heapMb().size() >= SAMPLES);
      }
      long written = writing.get();
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("UI live load: %d patches to the hot twin in %.1f s (%.0f/s), %d to the %d others%n",
          written, seconds, written / seconds, written / OTHERS_EVERY, OTHERS);
      List<Long> lagsAtEnd = followers.stream().map(f -> written - 1 - f.shownValue()).toList();
      for (Follower f : followers) {
        String frames = UiBrowser.frameGaps(f.page());
        long lagAtEnd = lagsAtEnd.get(followers.indexOf(f));
        PlaywrightAssertions.assertThat(f.shown()).hasText(String.valueOf(written - 1),
            new LocatorAssertions.HasTextOptions().setTimeout(120_000));
        double caughtUp = (System.nanoTime() - started) / 1e9 - seconds;
        f.heapMb().add(heapAfterGc(f.cdp()));
        UiBrowser.screenshot(f.page(), "live-load-" + f.name().replace(' ', '-'));
        System.out.printf("UI live load, %s: changes behind the last submitted (read just before the page's value),"
            + " every %.1f s: %s; %d behind when the writes stopped; the last value shown %.1f s after they stopped%n", f.name(), SAMPLE_MILLIS / 1e3,
            f.lags(), lagAtEnd, caughtUp);
        System.out.printf("UI live load, %s: JS heap after GC (MB): %s%n", f.name(),
            f.heapMb().stream().map(mb -> String.format("%.1f", mb)).toList());
        System.out.printf("UI live load, %s: frames while written (forced GCs included): %s%n", f.name(), frames);
      }
      for (Follower f : followers) {
        List<Double> heap = f.heapMb();
        int third = heap.size() / 3;
        double firstThird = heap.subList(0, third).stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double lastThird = heap.subList(heap.size() - third, heap.size()).stream()
            .mapToDouble(Double::doubleValue).max().orElseThrow();
        assertThat(lastThird).as("%s: the heap's last third against its first (MB): it must not keep growing", f.name())
            .isLessThanOrEqualTo(firstThird * 2);
      }
      assertThat(inspectorPage.locator("#live-state").textContent()).isEqualTo("live");
      inspectorPage.context().close();
      graphPage.context().close();
    } finally {
      writer.shutdownNow();
      writer.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Writes load = 0, 1, 2 ... to the hot twin, RATE a second on average for WRITE_MILLIS and until the heap is
   * sampled enough, and after every OTHERS_EVERY-th the same value to one of the others: each tick submits what the
   * schedule is behind by and waits for it to be applied. Returns how many the hot twin got.
   */
  private static long write(TwinEngine engine, AtomicLong submitted, AtomicBoolean sampledEnough) throws Exception {
    long start = System.nanoTime();
    long sent = 0;
    long elapsedMillis;
    while ((elapsedMillis = (System.nanoTime() - start) / 1_000_000) < WRITE_MILLIS || !sampledEnough.get()) {
      long due = elapsedMillis * RATE / 1000;
      CompletableFuture<?> last = null;
      for (; sent < due; sent++) {
        last = engine.submitPatch(HOT, load(sent), Precondition.none());
        submitted.set(sent);
        if (sent % OTHERS_EVERY == 0) {
          engine.submitPatch("m" + (sent / OTHERS_EVERY) % OTHERS, load(sent), Precondition.none());
        }
      }
      if (last != null) {
        last.join(); // the engine's pace, when it is slower than the schedule
      }
      Thread.sleep(5);
    }
    return sent;
  }

  private static ArrayNode load(long value) {
    ArrayNode patch = Json.MAPPER.createArrayNode();
    patch.addObject().put("op", "replace").put("path", "/load").put("value", value);
    return patch;
  }

  /** The page's JS heap in MB, after a collection (so that garbage not yet collected does not count). */
  private static double heapAfterGc(CDPSession cdp) {
    cdp.send("HeapProfiler.collectGarbage");
    return cdp.send("Runtime.getHeapUsage").get("usedSize").getAsDouble() / 1e6;
  }

  /** The hot twin and the others, each with load = -1, a relationship from the hot one to each other. */
  private static void meters(TwinEngine engine) {
    engine.addModels(List.of("""
        {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:ui:Meter;1","@type":"Interface",
         "contents":[{"@type":"Property","name":"load","schema":"long"},{"@type":"Relationship","name":"feeds"}]}"""));
    for (int i = -1; i < OTHERS; i++) {
      ObjectNode twin = Json.MAPPER.createObjectNode();
      twin.putObject("$metadata").put("$model", "dtmi:test:ui:Meter;1");
      engine.putTwin(i < 0 ? HOT : "m" + i, twin.put("load", -1), Precondition.none());
    }
    for (int i = 0; i < OTHERS; i++) {
      engine.putRelationship(HOT, "r" + i, Json.MAPPER.createObjectNode().put("$relationshipName", "feeds")
          .put("$targetId", "m" + i), Precondition.none());
    }
  }
}
