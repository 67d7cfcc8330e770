package io.doppel.ingest;

import java.util.List;

/** Turns one message into twin updates, or says why it cannot. Implementations are immutable and thread-safe. */
public interface Mapping {
  /** Its name, recorded in dead letters (e.g. {@code convention}, or a stored mapping's id and version). */
  String name();

  List<TwinUpdate> map(Message message) throws Unmappable;
}
