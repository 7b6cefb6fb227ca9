package dev.osimages.engine.builder.chroot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.NeedsRoot;
import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.builder.Views;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.host.Trees;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Hygiene;
import dev.osimages.engine.state.StateDir;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Builds a small trixie image for real (root, mmdebstrap, namespaces, overlayfs) and a derived
 * image on top of it; checks contents, owners and modes, that no mount is left on the host, and
 * that a rebuild is served entirely from the cache.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChrootBuilderIT {
  private static final Path FIXTURE = Path.of("src/test/resources/builder-it");
  static Path tmp;
  static StateDir state;
  static BuildResult first;

  @BeforeAll
  static void setUp() throws Exception {
    NeedsRoot.assume("mmdebstrap, namespaces, overlayfs and chroot");
    tmp = Files.createTempDirectory("builder-it-");
    state = new StateDir(tmp.resolve("state"));
    // git records only the executable bit, so a checkout has 0644 here; COPY keeps the source's
    // mode (as Docker does), which the test checks with a mode git cannot carry.
    Files.setPosixFilePermissions(
        FIXTURE.resolve("ctx/conf/app.conf"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }

  @AfterAll
  static void tearDown() {
    Views.closeAll();
    // Not @TempDir: its cleanup follows no links but warns about every one of them in a rootfs.
    if (tmp != null) {
      Trees.delete(tmp);
    }
  }

  private static BuildRequest request(String dockerfile, Map<String, Base> bases) {
    return new BuildRequest(
        "test/13",
        FIXTURE.resolve(dockerfile).toAbsolutePath(),
        BuildContext.of(FIXTURE.resolve("ctx")),
        Map.of(),
        bases,
        Optional.empty(),
        false,
        Hygiene.declared(true));
  }

  private static Map<String, Base> bootstrap() {
    return Map.of(
        "debian/13",
        new Base.Bootstrap(
            "trixie", "minbase", List.of("main"), List.of("less", "netbase"), Optional.empty()));
  }

  /** Host mounts under this test's directory (other builds on the machine may mount elsewhere). */
  private static List<String> mounts() throws Exception {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .filter(l -> l.contains(tmp.toString()))
        .toList();
  }

  @Test
  @Order(1)
  void build_producesFilesOwnersAndModes_andLeavesNoMounts() throws Exception {
    List<String> before = mounts();
    first = new ChrootBuilder(state).build(request("Dockerfile", bootstrap()), EventListener.NONE);
    assertThat(mounts()).isEqualTo(before);
    Path root = Views.root(first);
    assertThat(root.resolve("usr/bin/less")).exists();
    assertThat(root.resolve("etc/services")).exists();
    Path conf = root.resolve("opt/app/conf/app.conf");
    assertThat(Files.readString(conf)).isEqualTo("key=value\n");
    assertThat(attr(conf, "uid")).isEqualTo(1);
    assertThat(attr(conf, "gid")).isEqualTo(2);
    assertThat(attr(conf, "mode") & 0777).isEqualTo(0600);
    assertThat(attr(root.resolve("opt/app/conf"), "uid")).isEqualTo(1);
    Path artifact = root.resolve("opt/artifact");
    assertThat(Files.readString(artifact)).isEqualTo("built\n");
    assertThat(attr(artifact, "uid")).isEqualTo(1);
    assertThat(attr(artifact, "gid")).isEqualTo(2);
    assertThat(attr(artifact, "mode") & 0777).isEqualTo(0640);
    assertThat(root.resolve("etc/issue")).doesNotExist();
    assertThat(root.resolve("var/x/old")).doesNotExist();
    assertThat(Files.readString(root.resolve("var/x/new"))).isEqualTo("hello world\n");
    assertThat(root.resolve("etc/resolv.conf")).doesNotExist();
    assertThat(root.resolve("etc/.resolv.conf.systemd-resolved.bak")).doesNotExist();
    assertThat(root.resolve("var/lib/dbus/machine-id")).doesNotExist();
    try (var s = Files.list(root.resolve("var/lib/apt/lists"))) {
      assertThat(
              s.map(p -> p.getFileName().toString())
                  .filter(n -> !n.equals("partial") && !n.equals("lock")))
          .isEmpty();
    }
    assertThat(first.fullyCached()).isFalse();
  }

  @Test
  @Order(2)
  void rebuild_isServedFromCache() throws Exception {
    List<String> before = mounts();
    BuildResult again =
        new ChrootBuilder(state).build(request("Dockerfile", bootstrap()), EventListener.NONE);
    assertThat(again.fullyCached()).as("steps: %s", again.steps()).isTrue();
    assertThat(again.layers()).isEqualTo(first.layers());
    assertThat(again.cacheKey()).isEqualTo(first.cacheKey());
    assertThat(mounts()).isEqualTo(before);
  }

  @Test
  @Order(3)
  void derivedImage_buildsOnTheFirstResult() throws Exception {
    Map<String, Base> bases = Map.of("debian/13", first.asBase());
    BuildResult derived =
        new ChrootBuilder(state).build(request("Dockerfile.derived", bases), EventListener.NONE);
    assertThat(Files.readString(Views.root(derived).resolve("derived"))).isEqualTo("derived\n");
    assertThat(Views.root(derived).resolve("opt/artifact")).exists();
    BuildResult again =
        new ChrootBuilder(state).build(request("Dockerfile.derived", bases), EventListener.NONE);
    assertThat(again.fullyCached()).isTrue();
  }

  private static int attr(Path p, String name) throws Exception {
    return (Integer) Files.getAttribute(p, "unix:" + name, LinkOption.NOFOLLOW_LINKS);
  }
}
