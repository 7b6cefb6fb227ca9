package dev.osimages.engine.builder.chroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.model.NetworkMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tools a private network needs, found on a PATH given to it (the seam for these tests). */
class NetworkToolsTest {
  @TempDir Path dir;

  private Path tool(String name) throws Exception {
    Path p = dir.resolve("bin").resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "#!/bin/sh\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void missingSlirp4netns_isEnvironmentErrorNamingThePackage() throws Exception {
    tool("ip");
    String path = dir.resolve("empty") + ":" + dir.resolve("bin");
    assertThatThrownBy(() -> NetworkTools.find(EnumSet.of(NetworkMode.DEFAULT), path, false))
        .isInstanceOf(EngineException.class)
        .hasMessage(
            "RUN steps with network default need slirp4netns, which is not on PATH; install the"
                + " Debian package slirp4netns")
        .extracting(e -> ((EngineException) e).exit())
        .isEqualTo(ExitCode.ENVIRONMENT);
  }

  @Test
  void missingIp_namesIproute2_evenForNone() throws Exception {
    tool("slirp4netns");
    assertThatThrownBy(
            () ->
                NetworkTools.find(
                    EnumSet.of(NetworkMode.NONE), dir.resolve("bin").toString(), true))
        .hasMessageContaining("need ip, which is not on PATH; install the Debian package iproute2");
  }

  @Test
  void foundTools_areTheFirstOnPath_andHostNeedsNone() throws Exception {
    Path ip = tool("ip");
    Path slirp = tool("slirp4netns");
    NetworkTools t =
        NetworkTools.find(
            EnumSet.of(NetworkMode.DEFAULT), "/nonexistent:" + dir.resolve("bin"), false);
    assertThat(t.ip()).contains(ip);
    assertThat(t.slirp4netns()).contains(slirp);
    assertThat(t.forwarder()).isEmpty();
    assertThat(NetworkTools.find(Set.of(NetworkMode.HOST), "", true)).isEqualTo(NetworkTools.NONE);
  }

  @Test
  void pinnedBuild_withDefaultNetwork_needsSocat_andWithNoneDoesNot() throws Exception {
    tool("ip");
    tool("slirp4netns");
    String path = dir.resolve("bin").toString();
    assertThatThrownBy(() -> NetworkTools.find(EnumSet.of(NetworkMode.DEFAULT), path, true))
        .isInstanceOf(EngineException.class)
        .hasMessage(
            "RUN steps with network default in a pinned build need socat, which is not on PATH;"
                + " install the Debian package socat");
    assertThat(NetworkTools.find(EnumSet.of(NetworkMode.NONE), path, true).forwarder()).isEmpty();
    Path socat = tool("socat");
    assertThat(NetworkTools.find(EnumSet.of(NetworkMode.DEFAULT), path, true).forwarder())
        .contains(socat);
  }
}
