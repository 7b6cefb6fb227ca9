package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.export.ImageSet;
import dev.osimages.engine.sbom.SpdxSbom;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engine sbom SET_DIR}: prints a set's SBOM, as CycloneDX or SPDX. */
@Command(
    name = "sbom",
    description = {
      "Print the SBOM of a published image set: cyclonedx prints sbom.cdx.json (CycloneDX 1.6)"
          + " as published; spdx converts it to SPDX 2.3 JSON (same packages, purls, licenses and"
          + " dependencies)."
    })
final class SbomCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SET_DIR", description = "A published image set.")
  Path dir;

  @Option(
      names = "--format",
      defaultValue = "cyclonedx",
      description = "cyclonedx or spdx (default: ${DEFAULT-VALUE}).")
  Format format;

  enum Format {
    cyclonedx,
    spdx
  }

  @Override
  public Integer call() {
    Path file = dir.resolve(ImageSet.SBOM);
    byte[] json;
    try {
      json = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new EngineException(
          file + ": cannot read the SBOM (" + e.getClass().getSimpleName() + ")",
          ExitCode.FAILED,
          e);
    }
    String cdx = new String(json, StandardCharsets.UTF_8);
    String text;
    try {
      text = format == Format.spdx ? SpdxSbom.fromCycloneDx(cdx) : cdx;
    } catch (RuntimeException e) { // malformed JSON, or a member a CycloneDX SBOM has is missing
      throw new EngineException(
          file + ": not a CycloneDX JSON document: " + e.getMessage(), ExitCode.FAILED, e);
    }
    spec.commandLine().getOut().print(text);
    spec.commandLine().getOut().flush();
    return ExitCode.OK.code();
  }
}
