package io.doppel.model;

/**
 * The v4 limits profile ("" for the core limits, or e.g. {@code aio_1}) of the Interface being built. The
 * builders recurse through Interfaces of different documents, so the profile is entered and left with each.
 */
final class LimitProfile {
  private String spec = "";

  String spec() {
    return spec;
  }

  /** Makes {@code next} the profile in force and returns the one it replaces, for {@link #leave}. */
  String enter(String next) {
    String prior = spec;
    spec = next;
    return prior;
  }

  void leave(String prior) {
    spec = prior;
  }
}
