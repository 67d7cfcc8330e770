package io.doppel.generator;

import java.util.concurrent.CompletableFuture;

/**
 * Where updates go. {@link #send} may return before the update is delivered; the future completes once the server
 * acknowledged it (exceptionally when it refused it or could not be reached). Implementations bound what they keep
 * in flight and make callers wait past it, so a slow server slows the generator instead of filling memory.
 */
public interface Sink extends AutoCloseable {
  CompletableFuture<Void> send(Update update);

  /** What it is, for progress lines (e.g. {@code http://localhost:8080}). */
  String describe();

  @Override
  void close();
}
