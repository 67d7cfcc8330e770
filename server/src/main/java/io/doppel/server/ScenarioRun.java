package io.doppel.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.sim.scenario.Calibration;
import io.doppel.sim.scenario.ScenarioResult;
import io.doppel.twin.DoppelException;
import java.time.Instant;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/** One run of a stored scenario version (or its calibration), as the API shows it while it goes and when done. */
final class ScenarioRun implements RunView {
  enum Status { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

  final String id;
  final String scenario;
  final int version;
  final String kind;
  final Instant submittedAt;
  final @Nullable Instant base;
  final long graphVersion;
  final int replications;
  volatile Status status = Status.QUEUED;
  volatile int done;
  volatile @Nullable Instant startedAt;
  volatile @Nullable Instant finishedAt;
  volatile @Nullable ScenarioResult result;
  volatile Calibration.@Nullable Result calibration;
  volatile @Nullable Instant calibrationFrom;
  volatile @Nullable Instant calibrationTo;
  volatile @Nullable String errorCode;
  volatile @Nullable String errorMessage;
  volatile @Nullable Future<?> future;
  /** The line it waits in while queued: its place shows in {@link #describe}. */
  volatile @Nullable ScenarioQueue queue;
  /** The fork held personal values in clear (its starter holds {@code personal}): see {@link #describe}. */
  volatile boolean personalInClear;

  @Override
  public boolean personalInClear() {
    return personalInClear;
  }

  ScenarioRun(String id, String scenario, int version, String kind, Instant submittedAt, @Nullable Instant base,
      long graphVersion, int replications) {
    this.id = id;
    this.scenario = scenario;
    this.version = version;
    this.kind = kind;
    this.submittedAt = submittedAt;
    this.base = base;
    this.graphVersion = graphVersion;
    this.replications = replications;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String scenario() {
    return scenario;
  }

  @Override
  public boolean finished() {
    return status == Status.DONE || status == Status.FAILED || status == Status.CANCELLED;
  }

  void failed(RuntimeException e) {
    errorCode = e instanceof DoppelException d ? d.code().name() : "INTERNAL_ERROR";
    errorMessage = e.getMessage();
    status = Status.FAILED;
  }

  /**
   * The run as JSON; with {@code full} the results, comparison and series too. Results are figures per twin id, so
   * they carry no property values; an error message may quote one, so a run whose fork held personal values in clear
   * shows its message only to viewers who may see them ({@code viewerSeesPersonal}).
   */
  @Override
  public ObjectNode describe(boolean full, boolean viewerSeesPersonal) {
    ObjectNode out = Json.MAPPER.createObjectNode()
        .put("id", id).put("scenario", scenario).put("version", version).put("kind", kind)
        .put("status", status.name().toLowerCase(java.util.Locale.ROOT))
        .put("submittedAt", submittedAt.toString());
    ScenarioQueue line = queue;
    if (status == Status.QUEUED && line != null && line.position(this) > 0) {
      out.put("queuePosition", line.position(this)); // 1: the next to start
    }
    out.putObject("base").put("time", base == null ? "now" : base.toString()).put("graphVersion", graphVersion);
    int total = 2 * replications;
    out.putObject("progress").put("replicationsDone", done).put("replications", total)
        .put("fraction", total == 0 ? 0 : (double) done / total);
    Instant s = startedAt;
    Instant f = finishedAt;
    if (s != null) {
      out.put("startedAt", s.toString());
    }
    if (f != null) {
      out.put("finishedAt", f.toString());
    }
    if (errorCode != null) {
      out.putObject("error").put("code", errorCode).put("message", personalInClear && !viewerSeesPersonal
          ? WITHHELD : errorMessage);
    }
    Calibration.@Nullable Result c = calibration;
    ScenarioResult r = result;
    if (c != null) {
      ObjectNode cal = out.putObject("calibration");
      cal.put("from", String.valueOf(calibrationFrom)).put("to", String.valueOf(calibrationTo));
      cal.set("estimates", Json.MAPPER.valueToTree(c.estimates()));
      if (r != null) {
        cal.set("fit", Json.MAPPER.valueToTree(Calibration.fit(c, r.scenario())));
      }
    }
    if (full && r != null) {
      out.set("result", Json.MAPPER.valueToTree(r));
    } else if (r != null) {
      out.set("comparison", Json.MAPPER.valueToTree(r.comparison()));
    }
    return out;
  }
}
