package io.doppel.server.backup;

import java.util.List;
import java.util.function.Function;

/**
 * The stores of every tenant of a running server, held still while a backup checkpoints them: no tenant is
 * created or deleted (and so no store closed) until {@code work} returns.
 */
@FunctionalInterface
public interface StoreSource {
  <T> T whileHeld(Function<List<TenantStore>, T> work);
}
