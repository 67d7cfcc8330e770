package io.doppel.server.auth;

import io.doppel.twin.GraphSnapshot;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Which caller the query engine is working for on this thread, so that the snapshots it opens are that caller's
 * view ({@link FilteredSnapshot}). The query service is shared and opens snapshots itself; the route binds the
 * caller around each call. Nothing bound means the full graph: internal callers.
 */
public final class QueryScope {
  private static final ThreadLocal<Access> CURRENT = new ThreadLocal<>();

  private QueryScope() {}

  /** Runs {@code work} with the snapshots it opens filtered for {@code access}. */
  public static <T> T as(Access access, Supplier<T> work) {
    Access previous = CURRENT.get();
    CURRENT.set(access);
    try {
      return work.get();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /** A route's body, which may throw what a Javalin handler may. */
  @FunctionalInterface
  public interface Work {
    void run() throws Exception;
  }

  /** {@link #as(Access, Supplier)} for a handler. */
  public static void run(Access access, Work work) throws Exception {
    Access previous = CURRENT.get();
    CURRENT.set(access);
    try {
      work.run();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /** The caller bound on this thread; null for internal callers (who see everything). */
  public static @Nullable Access current() {
    return CURRENT.get();
  }

  /** The snapshot as the bound caller sees it. */
  public static GraphSnapshot view(GraphSnapshot graph) {
    Access access = CURRENT.get();
    return access == null ? graph : FilteredSnapshot.of(graph, access);
  }
}
