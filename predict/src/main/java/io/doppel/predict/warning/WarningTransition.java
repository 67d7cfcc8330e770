package io.doppel.predict.warning;

/** A warning came into force ({@code active}) or ended; {@code warning} is its last state. */
public record WarningTransition(ActiveWarning warning, boolean active) {}
