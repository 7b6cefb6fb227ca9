package dev.osimages.engine.cli;

import picocli.CommandLine;

/** Reports the engine version from the jar manifest (or "dev" when run from classes). */
final class EngineVersion implements CommandLine.IVersionProvider {
  /** The engine's version string, as recorded in manifests. */
  static String current() {
    String v = EngineVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"engine " + current()};
  }
}
