package io.doppel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A run kept in the scenario store's {@code scenario-runs} documents: as it was last written (when it was submitted,
 * and when it finished), so a restart keeps the results people came back for. {@code run} is its full description
 * as a viewer who sees personal data would see it; {@link #describe} takes out what another viewer may not see.
 */
record ArchivedRun(ObjectNode run, boolean personalInClear) implements RunView {
  static final String INTERRUPTED = "RUN_INTERRUPTED";
  static final String INTERRUPTED_MESSAGE = "the server stopped before the run finished; run it again";

  static ArchivedRun of(ScenarioRun live) {
    return new ArchivedRun(live.describe(true, true), live.personalInClear);
  }

  static ArchivedRun parse(JsonNode stored) {
    return new ArchivedRun((ObjectNode) stored.path("run"), stored.path("personalInClear").asBoolean());
  }

  JsonNode stored() {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.set("run", run);
    out.put("personalInClear", personalInClear);
    return out;
  }

  /**
   * A run that was queued or running when the server stopped: it will not finish, so it is shown as failed with
   * {@code RUN_INTERRUPTED} rather than as running forever.
   */
  ArchivedRun interruptedBy(java.time.Instant restart) {
    ObjectNode copy = run.deepCopy();
    copy.put("status", "failed");
    copy.remove("queuePosition"); // the line it waited in ended with the stop
    copy.put("finishedAt", restart.toString());
    copy.putObject("error").put("code", INTERRUPTED).put("message", INTERRUPTED_MESSAGE);
    return new ArchivedRun(copy, personalInClear);
  }

  @Override
  public String id() {
    return run.path("id").asText();
  }

  @Override
  public String scenario() {
    return run.path("scenario").asText();
  }

  @Override
  public boolean finished() {
    String status = run.path("status").asText();
    return status.equals("done") || status.equals("failed") || status.equals("cancelled");
  }

  @Override
  public ObjectNode describe(boolean full, boolean viewerSeesPersonal) {
    ObjectNode out = run.deepCopy();
    JsonNode result = out.remove("result");
    if (!full && result != null) {
      out.set("comparison", result.path("comparison"));
    } else if (result != null) {
      out.set("result", result);
    }
    if (personalInClear && !viewerSeesPersonal && out.get("error") instanceof ObjectNode error) {
      error.put("message", WITHHELD);
    }
    return out;
  }
}
