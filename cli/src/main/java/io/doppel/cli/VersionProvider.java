package io.doppel.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest ({@code dev} when run from classes). */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {"doppel " + (version == null ? "dev" : version)};
  }
}
