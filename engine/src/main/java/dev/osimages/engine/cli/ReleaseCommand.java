package dev.osimages.engine.cli;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.export.ImageSetChecker;
import dev.osimages.engine.model.Channel;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.release.Release;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engine release}: promotes a channel's published sets into a dated release. */
@Command(
    name = "release",
    description = {
      "Promote a channel's published images into a dated release.",
      "Copy (hard links where possible) every complete artifact set of a channel into"
          + " <store>/<YYYYMMDD>/, verify their checksums (md5, sha256, lz4 frame), and write"
          + " downloads.md listing image names and URLs. The release appears whole or not at all"
          + " and is never overwritten."
    })
final class ReleaseCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--from",
      paramLabel = "CHANNEL",
      defaultValue = "stable",
      description =
          "Channel to release: stable, pr:<number>-<branch> or release:<YYYYMMDD> (default:"
              + " ${DEFAULT-VALUE}).")
  Channel from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "YYYYMMDD",
      description = "The release's date: the store directory it goes to.")
  String to;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      defaultValue = "https://images.example.invalid",
      description =
          "URL the store root is served under, for downloads.md (default: ${DEFAULT-VALUE}).")
  String baseUrl;

  @Option(
      names = "--store",
      paramLabel = "DIR",
      description = "Image store root (default: output.root of the declaration).")
  Path store;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Path root =
        store != null
            ? store
            : Workspace.load(common.file(), Workspace.Options.DEFAULT).storeRoot();
    ImageSetChecker checker = new ImageSetChecker();
    List<Release.Image> images =
        new Release(root, dir -> checker.check(dir).problems()).promote(from.path(), to, baseUrl);
    PrintWriter out = spec.commandLine().getOut();
    images.forEach(i -> out.println(i.name() + "  " + i.dir()));
    out.println(
        "released "
            + images.size()
            + " images as "
            + to
            + "; see "
            + root.resolve(to).resolve("downloads.md"));
    out.flush();
    return ExitCode.OK.code();
  }
}
