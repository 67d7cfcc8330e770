package io.doppel.store.archfixture;

import io.doppel.server.archfixture.LoudServerImpl;

/** Deliberately broken: a storage backend that depends on the server (see RulesCanFailTest). */
public final class StoreReachingUp {
  public void flush(LoudServerImpl server) {
    server.shout("store");
  }
}
