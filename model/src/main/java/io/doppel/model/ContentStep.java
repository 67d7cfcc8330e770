package io.doppel.model;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A content of an Interface as {@link ContentBuilder} leaves it: built (null when refused), or a Component waiting
 * for the Interface its schema names, to be finished once {@link InterfaceBuilder} has built that one.
 */
sealed interface ContentStep {
  ContentStep REFUSED = new Ready(null);

  record Ready(@Nullable Content content) implements ContentStep {}

  /** {@code then} finishes the content from the Interface {@code need} asked for (null when it could not be built). */
  record Waiting(InterfaceNeed need, Function<@Nullable InterfaceModel, @Nullable Content> then)
      implements ContentStep {}
}
