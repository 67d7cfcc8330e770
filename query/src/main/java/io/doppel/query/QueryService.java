package io.doppel.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.query.exec.ResumePoint;
import io.doppel.query.exec.Run;
import io.doppel.query.impact.Direction;
import io.doppel.query.impact.ImpactResult;
import io.doppel.query.impact.ImpactSearch;
import io.doppel.query.plan.Analyzed;
import io.doppel.query.plan.Analyzer;
import io.doppel.query.plan.Plan;
import io.doppel.query.plan.Planner;
import io.doppel.query.syntax.Parser;
import io.doppel.query.spi.TwinSignals;
import io.doppel.query.syntax.Query;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.GraphSnapshot;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs Azure Digital Twins queries over engine snapshots. A query's pages all read the snapshot its first page
 * opened, while writes go on; between pages the snapshot is held in a lease (see {@link QueryLimits}). When a lease
 * has expired or was evicted, the token still carries the position and the query resumes on a fresh snapshot just
 * after the last row returned. Thread-safe.
 *
 * <pre>{@code
 * QueryService queries = new QueryService(engine::snapshot);
 * QueryPage page = queries.run("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:example:Room;1')", null, 100);
 * while (page.continuationToken() != null) {
 *   page = queries.run(sameQuery, page.continuationToken(), 100);
 * }
 * }</pre>
 */
public final class QueryService implements AutoCloseable {
  /** EXPLAIN runs the query to see what it reads, but stops after this many pages of results. */
  private static final int EXPLAIN_MAX_PAGES = 100;

  private final Supplier<GraphSnapshot> snapshots;
  private final PastSnapshots past;
  private final QueryLimits limits;
  private final Leases leases;
  private final TwinSignals signals;
  private final TokenSeal seal;

  public QueryService(Supplier<GraphSnapshot> snapshots) {
    this(snapshots, PastSnapshots.NONE);
  }

  /** A service that also answers {@code ... AS OF '<time>'} queries, over the snapshots {@code past} gives. */
  public QueryService(Supplier<GraphSnapshot> snapshots, PastSnapshots past) {
    this(snapshots, past, QueryLimits.defaults(), Clock.systemUTC());
  }

  public QueryService(Supplier<GraphSnapshot> snapshots, QueryLimits limits, Clock clock) {
    this(snapshots, PastSnapshots.NONE, limits, clock);
  }

  public QueryService(Supplier<GraphSnapshot> snapshots, PastSnapshots past, QueryLimits limits, Clock clock) {
    this(snapshots, past, limits, clock, TwinSignals.NONE);
  }

  /** A service whose signal functions ({@code ANOMALY_SCORE}, {@code WARNING_WITHIN}, ...) {@code signals} answers. */
  public QueryService(Supplier<GraphSnapshot> snapshots, PastSnapshots past, QueryLimits limits, Clock clock,
      TwinSignals signals) {
    this(snapshots, past, limits, clock, signals, TokenSeal.PROCESS);
  }

  /**
   * A service whose continuation tokens are sealed with {@code tokenKey} (16+ bytes, kept by the server): tokens it
   * issued stay good across a restart with the same key, and nobody without the key can forge one.
   */
  public QueryService(Supplier<GraphSnapshot> snapshots, PastSnapshots past, QueryLimits limits, Clock clock,
      TwinSignals signals, byte[] tokenKey) {
    this(snapshots, past, limits, clock, signals, new TokenSeal(tokenKey));
  }

  private QueryService(Supplier<GraphSnapshot> snapshots, PastSnapshots past, QueryLimits limits, Clock clock,
      TwinSignals signals, TokenSeal seal) {
    this.seal = seal;
    this.signals = signals;
    this.snapshots = snapshots;
    this.past = past;
    this.limits = limits;
    this.leases = new Leases(clock, limits.leaseIdleTimeout(), limits.maxOpenLeases());
  }

  /**
   * One page of at most {@code maxItems} results (capped at {@link QueryLimits#maxPageSize()}). Pass the previous
   * page's token for the next page, with the same query text or with none ({@code null}): the token carries it. {@code EXPLAIN SELECT ...} answers one row: the plan.
   *
   * @throws DoppelException {@code QUERY_INVALID} (details: sub-code and line:column), {@code QUERY_TOO_EXPENSIVE},
   *     or {@code INVALID_ARGUMENT} for a bad token or page size
   */
  public QueryPage run(@Nullable String queryText, @Nullable String continuationToken, int maxItems) {
    return run(queryText, continuationToken, maxItems, "");
  }

  /**
   * {@link #run(String, String, int)} for {@code caller} (an opaque name of who asks, e.g. principal and tenant):
   * the page's token is good only for the same caller, and a token issued to another is refused with 403
   * {@code CONTINUATION_FORBIDDEN} (the later pages run on the snapshot, so the view, of the first).
   */
  public QueryPage run(@Nullable String queryText, @Nullable String continuationToken, int maxItems, String caller) {
    Tokens.@Nullable Token token = continuationToken == null || continuationToken.isEmpty()
        ? null : Tokens.decode(continuationToken, seal, caller);
    String query = queryText != null ? queryText : token != null ? token.query() : "";
    if (maxItems < 1) {
      throw new DoppelException(ErrorCode.INVALID_ARGUMENT, "maxItems must be at least 1, was " + maxItems,
          List.of(new DoppelException.Detail("invalidPageSize", "maxItems", "must be at least 1")));
    }
    int pageSize = Math.min(maxItems, limits.maxPageSize());
    Query parsed = Parser.parse(query);
    Analyzed analyzed = Analyzer.analyze(parsed, limits.maxJoins(), limits.maxHops());
    if (parsed.explain()) {
      return new QueryPage(List.of(explain(analyzed)), null);
    }
    if (token == null) {
      return firstOrResumed(analyzed, query, null, pageSize, caller);
    }
    if (!token.query().equals(query)) {
      throw Tokens.invalid(continuationToken, "it continues a different query (send the same query text, or none)");
    }
    Leases.Lease lease = leases.take(token.lease(), token.page(), Tokens.hash(query));
    if (lease == null) {
      return firstOrResumed(analyzed, query, token, pageSize, caller);
    }
    try {
      return page(lease.id(), lease.snapshot(), lease.run(), query, token.page(), pageSize, caller);
    } catch (DoppelException e) {
      if (e.code() != ErrorCode.SNAPSHOT_EXPIRED) {
        throw e;
      }
      // the engine ended the snapshot (it reached its maximum age): go on from the token's position on a fresh one
      return firstOrResumed(analyzed, query, token, pageSize, caller);
    }
  }

  private QueryPage firstOrResumed(Analyzed analyzed, String query, Tokens.@Nullable Token token, int pageSize,
      String caller) {
    GraphSnapshot snapshot = snapshotFor(analyzed);
    Run run;
    try {
      Plan plan = Planner.plan(analyzed, snapshot, token == null ? null : token.fingerprint());
      run = new Run(snapshot, plan, token == null ? ResumePoint.START : token.position(), limits.workBudgetPerPage(),
          limits.maxGroups(), signalsFor(analyzed));
    } catch (RuntimeException e) {
      snapshot.close();
      throw e;
    }
    return page(leases.newId(), snapshot, run, query, token == null ? 0 : token.page(), pageSize, caller);
  }

  /** Runs one page; keeps the snapshot in a lease if more pages follow, closes it otherwise (or on failure). */
  private QueryPage page(long leaseId, GraphSnapshot snapshot, Run run, String query, int pageNumber,
      int pageSize, String caller) {
    Run.Page page;
    try {
      page = run.next(pageSize);
    } catch (RuntimeException e) {
      snapshot.close();
      throw e;
    }
    if (page.done()) {
      snapshot.close();
      return new QueryPage(page.rows(), null);
    }
    int next = pageNumber + 1;
    leases.put(new Leases.Lease(leaseId, snapshot, run, Tokens.hash(query), next, leases.now()));
    String token = Tokens.encode(new Tokens.Token(leaseId, next, query, run.plan().fingerprint(),
        page.position()), seal, caller);
    return new QueryPage(page.rows(), token);
  }

  /**
   * The plan of a query and what running it did: the access path chosen and why, the other candidates with their
   * estimated rows, the predicates the index serves and the residual filters, each expansion step, and the rows
   * actually scanned and returned (the query runs to the end, page by page, within the usual budget per page).
   */
  public JsonNode explain(String query) {
    Query parsed = Parser.parse(query);
    return explain(Analyzer.analyze(parsed, limits.maxJoins(), limits.maxHops()));
  }

  private JsonNode explain(Analyzed analyzed) {
    try (GraphSnapshot snapshot = snapshotFor(analyzed)) {
      Plan plan = Planner.plan(analyzed, snapshot, null);
      ObjectNode out = plan.explain().deepCopy();
      Run run = new Run(snapshot, plan, ResumePoint.START, limits.workBudgetPerPage(), limits.maxGroups(),
          signalsFor(analyzed));
      boolean complete;
      try {
        Run.Page page;
        int pages = 0;
        do {
          page = run.next(limits.maxPageSize());
        } while (!page.done() && ++pages < EXPLAIN_MAX_PAGES);
        complete = page.done();
        if (!complete) {
          out.put("stoppedBy", "EXPLAIN reads at most " + EXPLAIN_MAX_PAGES + " pages of results");
        }
      } catch (DoppelException e) {
        if (e.code() != ErrorCode.QUERY_TOO_EXPENSIVE) {
          throw e;
        }
        complete = false;
        out.put("stoppedBy", e.getMessage());
      }
      ObjectNode execution = run.stats();
      execution.put("complete", complete);
      out.set("execution", execution);
      return out;
    }
  }

  /**
   * The graph the query reads: now, or as it was at its {@code AS OF} time (rebuilt for every resumed page too,
   * since the token carries the text with the clause).
   */
  private GraphSnapshot snapshotFor(Analyzed analyzed) {
    Query.AsOf asOf = analyzed.query().asOf();
    return asOf == null ? snapshots.get() : past.at(asOf.time());
  }

  /** The live signals, without forecasts for an {@code AS OF} query. */
  private TwinSignals signalsFor(Analyzed analyzed) {
    return analyzed.query().asOf() == null || signals == TwinSignals.NONE ? signals : new PastSignals(signals);
  }

  /**
   * Twins upstream (depending on {@code twinId}) or downstream (what it depends on) along the named relationships
   * (all when empty), up to {@code depth} hops, each with a shortest path.
   *
   * @throws DoppelException {@code TWIN_NOT_FOUND}, {@code INVALID_ARGUMENT} for a depth outside 1..maxHops, or
   *     {@code QUERY_TOO_EXPENSIVE}
   */
  public ImpactResult impact(String twinId, Direction direction, Set<String> relationshipNames, int depth) {
    try (GraphSnapshot snapshot = snapshots.get()) {
      return ImpactSearch.search(snapshot, twinId, direction, relationshipNames, depth, limits.maxHops(),
          limits.workBudgetPerPage());
    }
  }

  /** Paged queries currently holding a snapshot. */
  public int openLeases() {
    leases.sweep();
    return leases.size();
  }

  /** Closes every held snapshot; later continuation tokens resume on fresh snapshots. */
  @Override
  public void close() {
    leases.close();
  }
}
