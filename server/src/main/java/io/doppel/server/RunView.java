package io.doppel.server;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A scenario run as the API lists and shows it: one going on in this process, or one kept from before. */
sealed interface RunView permits ScenarioRun, ArchivedRun {
  /** What a viewer without {@code personal} sees instead of the error message of a run that saw personal data. */
  String WITHHELD = "withheld: the run saw personal data in clear, which the caller may not see";

  String id();

  String scenario();

  boolean finished();

  /** Whether the run's fork held personal data (values or ids) in clear: its starter may see them all. */
  boolean personalInClear();

  /** The run as JSON; with {@code full} the results, comparison and series too. */
  ObjectNode describe(boolean full, boolean viewerSeesPersonal);
}
