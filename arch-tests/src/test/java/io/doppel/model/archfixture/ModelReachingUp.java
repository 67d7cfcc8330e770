package io.doppel.model.archfixture;

import io.doppel.twin.archfixture.TwinReachingUp;

/** Deliberately broken: the model reaches into the twin layer (see RulesCanFailTest). */
public final class ModelReachingUp {
  public int size(TwinReachingUp twin) {
    return twin.hashCode();
  }
}
