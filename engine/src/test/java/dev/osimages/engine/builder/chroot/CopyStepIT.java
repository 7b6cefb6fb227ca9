package dev.osimages.engine.builder.chroot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.NeedsRoot;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker's COPY destination rules, applied to a real layer directory (root: owners are set). */
class CopyStepIT {
  @TempDir Path tmp;
  Path base;
  Path upper;
  Path src;

  @BeforeEach
  void setUp() throws Exception {
    NeedsRoot.assume("file owners in a layer directory");
    base = Files.createDirectories(tmp.resolve("base"));
    Files.createDirectories(base.resolve("usr/lib"));
    Files.createDirectories(base.resolve("opt/existing"));
    Files.createSymbolicLink(base.resolve("lib"), Path.of("/usr/lib"));
    upper = Files.createDirectories(tmp.resolve("upper"));
    src = Files.createDirectories(tmp.resolve("src/dir/sub"));
    Files.writeString(tmp.resolve("src/file"), "f");
    Files.writeString(src.resolve("inner"), "i");
    Files.writeString(tmp.resolve("src/dir/top"), "t");
  }

  /** Copies context paths (relative to src) to {@code dest}, as WORKDIR {@code workdir}. */
  private void copy(List<Path> sources, String dest, String workdir) {
    ImageWriter w = new ImageWriter(upper, List.of(base));
    CopySource ctx = CopySource.directory(tmp.resolve("src"), "the test context");
    List<CopyStep.Source> s =
        sources.stream()
            .map(p -> new CopyStep.Source(ctx, tmp.resolve("src").relativize(p).toString(), false))
            .toList();
    new CopyStep(w, tmp.resolve("work"), l -> {})
        .copy(
            new CopyStep.Spec(
                s,
                CopyInstruction.destination(dest, "/" + workdir),
                Optional.empty(),
                Optional.empty()));
  }

  @Test
  void fileToExistingDirectory_keepsItsName() {
    copy(List.of(tmp.resolve("src/file")), "/opt/existing", "");
    assertThat(upper.resolve("opt/existing/file")).hasContent("f");
  }

  @Test
  void fileToNewPath_isThatFile_relativeToWorkdir() {
    copy(List.of(tmp.resolve("src/file")), "renamed", "opt");
    assertThat(upper.resolve("opt/renamed")).hasContent("f");
  }

  @Test
  void trailingSlash_makesDirectory() {
    copy(List.of(tmp.resolve("src/file")), "/new/", "");
    assertThat(upper.resolve("new/file")).hasContent("f");
  }

  @Test
  void directorySource_copiesContentsNotTheDirectory() {
    copy(List.of(tmp.resolve("src/dir")), "/target", "");
    assertThat(upper.resolve("target/top")).hasContent("t");
    assertThat(upper.resolve("target/sub/inner")).hasContent("i");
    assertThat(upper.resolve("target/dir")).doesNotExist();
  }

  @Test
  void destinationThroughImageSymlink_landsWhereTheLinkPointsInsideTheImage() throws Exception {
    copy(List.of(tmp.resolve("src/file")), "/lib/", "");
    assertThat(upper.resolve("usr/lib/file")).hasContent("f");
    assertThat(Files.exists(upper.resolve("lib"), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void contextFiles_becomeRootOwned() throws Exception {
    Files.setAttribute(tmp.resolve("src/file"), "unix:uid", 1234);
    copy(List.of(tmp.resolve("src/file")), "/f", "");
    assertThat(Files.getAttribute(upper.resolve("f"), "unix:uid")).isEqualTo(0);
  }
}
