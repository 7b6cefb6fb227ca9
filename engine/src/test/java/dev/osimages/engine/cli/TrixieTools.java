package dev.osimages.engine.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * cosign and oras, the signing and registry peers of the supply-chain tests: static binaries that
 * Debian 13 packages, taken from a trixie tree that {@code mmdebstrap --variant=extract} makes
 * (packages unpacked, nothing configured: about 16 s) and never from the internet. The tree is kept
 * under the build's {@code target/} directory, so one test run makes it once.
 */
final class TrixieTools {
  private static final Path TREE = Path.of("target", "trixie-tools").toAbsolutePath();

  private TrixieTools() {}

  /** The path of cosign, making the tree on first use. */
  static synchronized Path cosign() throws Exception {
    return tool("cosign");
  }

  /** The path of oras, making the tree on first use. */
  static synchronized Path oras() throws Exception {
    return tool("oras");
  }

  private static Path tool(String name) throws Exception {
    Path bin = TREE.resolve("usr/bin").resolve(name);
    if (!Files.isExecutable(TREE.resolve("usr/bin/cosign"))
        || !Files.isExecutable(TREE.resolve("usr/bin/oras"))) {
      Path parent = TREE.getParent();
      Files.createDirectories(parent);
      Path work = Files.createTempDirectory(parent, ".trixie-tools-");
      Files.delete(work); // mmdebstrap wants to create its target
      TestFiles.sh(
          parent, "mmdebstrap --quiet --variant=extract --include=cosign,oras trixie " + work);
      TestFiles.sh(parent, "rm -rf " + TREE + " && mv " + work + " " + TREE);
    }
    return bin;
  }
}
