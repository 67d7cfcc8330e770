package io.doppel.bench.http;

import java.net.URI;

/** A running server the harness points wrk at. */
sealed interface LoadTarget extends AutoCloseable permits BarePeer, DoppelTarget {

  /** {@code bare} or {@code doppel}, as the report names it. */
  String name();

  /** Scheme, host and port, e.g. {@code http://127.0.0.1:41234}. */
  URI base();

  /** Where the patches go and which property they set. */
  Wrk.PatchTarget patches();

  @Override
  void close();
}
