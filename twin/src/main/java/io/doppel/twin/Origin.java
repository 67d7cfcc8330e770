package io.doppel.twin;

import java.util.Objects;

/**
 * Who or what made a change, carried by its {@link TwinEvent} into the change history: {@code channel} is how it
 * arrived ({@code api}, {@code mqtt}, {@code kafka}, {@code rule}, ...), {@code source} which client, connector or rule
 * sent it (empty when unknown).
 */
public record Origin(String channel, String source) {
  /** A write through the engine's API with no more specific origin given. */
  public static final Origin API = new Origin("api", "");

  public Origin {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(source, "source");
  }

  public static Origin of(String channel, String source) {
    return new Origin(channel, source);
  }

  @Override
  public String toString() {
    return source.isEmpty() ? channel : channel + ":" + source;
  }
}
