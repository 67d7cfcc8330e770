package io.doppel.server.archfixture;

import io.doppel.bench.archfixture.BenchTool;
import io.doppel.model.archfixture.ModelReachingUp;

/**
 * Deliberately broken (see RulesCanFailTest): an {@code *Impl} class that prints to standard out, uses bench and
 * closes a package cycle model → twin → server → model.
 */
public final class LoudServerImpl {
  public void shout(String text) {
    System.out.println(text + new BenchTool().name() + new ModelReachingUp().getClass());
  }
}
