package io.doppel.fuzz;

import java.util.random.RandomGenerator;

/** Makes one input from a random generator; the same generator state must give the same input. */
@FunctionalInterface
public interface Generator<T> {
  T next(RandomGenerator random);
}
