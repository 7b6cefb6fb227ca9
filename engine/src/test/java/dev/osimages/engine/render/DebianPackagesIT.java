package dev.osimages.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.NeedsRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every package the rendered Debian Dockerfiles (profile distro) install resolves in Debian's own
 * archive, with only the components each image declares: Debian 12 and 13 worker images and the
 * Debian firewall from main, contrib and non-free-firmware, the NVIDIA image with its added
 * components. Uses {@code mmdebstrap --simulate} (real apt resolution against the archive, no
 * packages downloaded); needs root and the network to the archive, which CI has.
 */
class DebianPackagesIT {
  @BeforeAll
  static void root() {
    NeedsRoot.assume("mmdebstrap --simulate");
  }

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** The components the shipped Debian bootstraps declare (microcode and firmware need them). */
  private static final String DEBIAN_COMPONENTS = "main contrib non-free-firmware";

  private static final Pattern INSTALL =
      Pattern.compile("apt-get install((?:\\s+-\\S+)*)\\s+([^&;|]+)");

  /** The package names of every {@code apt-get install} in a rendered Dockerfile. */
  static Set<String> packages(String dockerfile) {
    String joined = dockerfile.replace("\\\n", " ");
    Set<String> out = new LinkedHashSet<>();
    Matcher m = INSTALL.matcher(joined);
    while (m.find()) {
      for (String word : m.group(2).trim().split("\\s+")) {
        // "pkg-" is apt's "remove pkg"; local files are not the archive's
        if (!word.isEmpty() && !word.endsWith("-") && !word.startsWith("./")) {
          out.add(word);
        }
      }
    }
    return out;
  }

  private static Set<String> rendered(String... ids) throws IOException {
    Set<String> all = new LinkedHashSet<>();
    Map<String, ShippedTemplatesTest.ShippedCell> cells =
        ShippedTemplatesTest.cells("distro").stream()
            .collect(Collectors.toMap(ShippedTemplatesTest.ShippedCell::id, c -> c));
    for (String id : ids) {
      ShippedTemplatesTest.ShippedCell cell = cells.get(id);
      all.addAll(
          packages(
              new DockerfileRenderer().render(Path.of(cell.template()), ROOT, id, cell.context())));
    }
    return all;
  }

  private static void resolves(String suite, String components, Set<String> packages)
      throws Exception {
    Result r = simulate(suite, components, packages);
    assertThat(r.exit())
        .as("%s (%s) cannot install %s:%n%s", suite, components, packages, r.log())
        .isZero();
  }

  record Result(int exit, String log) {}

  private static Result simulate(String suite, String components, Set<String> packages)
      throws Exception {
    assertThat(packages).hasSizeGreaterThan(5);
    List<String> cmd = new ArrayList<>();
    cmd.addAll(List.of("mmdebstrap", "--simulate", "--variant=minbase"));
    cmd.add("--components=" + components);
    cmd.add("--include=" + String.join(",", packages));
    cmd.addAll(List.of(suite, "/dev/null"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    return new Result(p.exitValue(), log);
  }

  @Test
  void debian12_packagesResolveInBookwormWithItsComponents() throws Exception {
    resolves("bookworm", DEBIAN_COMPONENTS, rendered("debian/12"));
  }

  @Test
  void debian13AndFirewall_packagesResolveInTrixieWithItsComponents() throws Exception {
    Set<String> worker = rendered("debian/13");
    assertThat(worker)
        .contains("linux-image-6.12.101+deb13-amd64", "frr", "containerd", "cloud-init");
    resolves("trixie", DEBIAN_COMPONENTS, worker);
    // the firewall's packages go on top of the worker (chrony then replaces timesyncd)
    Set<String> firewall = rendered("firewall/3.0-debian");
    assertThat(firewall).contains("nftables", "chrony", "suricata");
    resolves("trixie", DEBIAN_COMPONENTS, firewall);
  }

  @Test
  void nvidia_packagesDoNotResolveFromMainAlone() throws Exception {
    // the check can fail: without the added components the driver is not installable
    Set<String> pkgs = rendered("debian-nvidia/13");
    Result r = simulate("trixie", "main", pkgs);
    assertThat(r.exit()).as(r.log()).isNotZero();
    assertThat(r.log()).containsAnyOf("nvidia", "Unable to locate", "no installation candidate");
  }

  @Test
  void nvidia_packagesResolveInTrixieWithItsComponents() throws Exception {
    Set<String> pkgs = rendered("debian-nvidia/13");
    assertThat(pkgs).contains("nvidia-smi", "linux-headers-amd64", "linux-image-amd64", "dkms");
    String components =
        DEBIAN_COMPONENTS
            + " "
            + ShippedTemplatesTest.cells("distro").stream()
                .filter(c -> c.id().equals("debian-nvidia/13"))
                .findFirst()
                .orElseThrow()
                .context()
                .get("NVIDIA_COMPONENTS");
    resolves("trixie", components, pkgs);
  }
}
