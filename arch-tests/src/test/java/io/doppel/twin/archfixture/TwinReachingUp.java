package io.doppel.twin.archfixture;

import io.doppel.server.archfixture.LoudServerImpl;

/** Deliberately broken: the twin engine reaches into the server (see RulesCanFailTest). */
public final class TwinReachingUp {
  public void shout(LoudServerImpl server) {
    server.shout("twin");
  }
}
