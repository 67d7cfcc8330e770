package io.doppel.fuzz;

/**
 * The code under fuzz for one input. It answers a short label for how the input ended ({@code "valid"}, or the
 * error code it was refused with), which the report tallies so a run shows how deep its inputs got; it throws
 * (an {@link AssertionError} from a broken invariant, or anything the code under test let escape) to fail.
 */
@FunctionalInterface
public interface Target<T> {
  String run(T input) throws Exception;
}
