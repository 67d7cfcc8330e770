package io.doppel.stray.archfixture;

/** Deliberately broken: a class in no module's package (see RulesCanFailTest). */
public final class StrayClass {
  public String where() {
    return "nowhere";
  }
}
