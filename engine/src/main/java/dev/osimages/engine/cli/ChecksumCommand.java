package dev.osimages.engine.cli;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.export.ImageSetChecker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engine checksum DIR}: verifies a published image set (md5, sha256, lz4 integrity). */
@Command(
    name = "checksum",
    description = {
      "Verify a published image set's checksums.",
      "img.tar.lz4 against img.tar.lz4.md5 and manifest.json's sha256, and the lz4 frame's block"
          + " and content checksums (like md5sum -c and lz4 -t). Prints every problem"
          + " found and exits 1 on any."
    })
final class ChecksumCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "The image set directory.")
  Path dir;

  @Override
  public Integer call() {
    ImageSetChecker.Result r = new ImageSetChecker().check(dir);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (r.ok()) {
      out.printf(
          "%s: OK (md5 %s, sha256 %s, %d bytes of tar)%n",
          dir, r.md5(), r.sha256(), r.contentBytes());
      return ExitCode.OK.code();
    }
    r.problems().forEach(p -> err.println("engine: " + p));
    return ExitCode.FAILED.code();
  }
}
