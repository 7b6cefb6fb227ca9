package dev.osimages.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders every shipped template for every cell of the shipped images.yaml, with the render context
 * built here by the contract (args by precedence plus the cell fields), so the content cannot drift
 * from the renderer before the matrix expansion exists. The lead's golden-file tests over the real
 * expansion may replace it.
 */
class ShippedTemplatesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  record ShippedCell(
      String id, String template, Map<String, String> context, List<String> levels) {}

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o == null ? Map.of() : (Map<String, Object>) o;
  }

  private static Map<String, String> args(Map<String, Object> node) {
    Map<String, String> out = new LinkedHashMap<>();
    map(node.get("args")).forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  private static Map<String, Object> declaration() throws IOException {
    try (Reader r = Files.newBufferedReader(ROOT.resolve("images.yaml"))) {
      return new Yaml().load(r);
    }
  }

  /** Cells as the contract defines them, with which arg levels reach each; no profile. */
  static List<ShippedCell> cells() throws IOException {
    return cells(null);
  }

  /** Cells with the args of {@code profile} (null: none) over every level. */
  static List<ShippedCell> cells(String profile) throws IOException {
    Map<String, Object> decl = declaration();
    Map<String, String> profileArgs =
        profile == null ? Map.of() : args(map(map(decl.get("profiles")).get(profile)));
    List<ShippedCell> cells = new ArrayList<>();
    Map<String, Map<String, String>> byId = new LinkedHashMap<>();
    Map<String, String> distroOf = new LinkedHashMap<>();
    map(decl.get("distros"))
        .forEach(
            (name, d) ->
                map(map(d).get("versions"))
                    .forEach(
                        (version, v) -> {
                          Map<String, String> ctx = new LinkedHashMap<>(args(decl));
                          ctx.putAll(args(map(d)));
                          ctx.putAll(args(map(v)));
                          ctx.putAll(profileArgs);
                          String id = name + "/" + version;
                          Object base = map(map(v).get("base")).get("image");
                          ctx.putAll(fields(id, name, version, name, map(d), base));
                          byId.put(id, ctx);
                          distroOf.put(id, name);
                          cells.add(
                              new ShippedCell(
                                  id,
                                  (String) map(d).get("template"),
                                  ctx,
                                  List.of("args", "distros." + name, id)));
                        }));
    map(decl.get("variants"))
        .forEach(
            (name, vn) -> {
              Map<String, Object> variant = map(vn);
              for (Object b : (List<?>) variant.get("bases")) {
                String baseId = (String) b;
                String baseOs = baseId.substring(0, baseId.indexOf('/'));
                String baseVersion = baseId.substring(baseId.indexOf('/') + 1);
                String version =
                    ((String) variant.get("version"))
                        .replace("${base.os}", baseOs)
                        .replace("${base.version}", baseVersion);
                Map<String, String> ctx = new LinkedHashMap<>(byId.get(baseId));
                ctx.putAll(args(variant));
                ctx.putAll(profileArgs);
                String distro = distroOf.get(baseId);
                Map<String, Object> distroNode = map(map(decl.get("distros")).get(distro));
                ctx.putAll(
                    fields(
                        name + "/" + version,
                        name,
                        version,
                        distro,
                        distroNode,
                        "localhost/osimages/" + baseId.replace("/", ":")));
                cells.add(
                    new ShippedCell(
                        name + "/" + version,
                        (String) variant.get("template"),
                        ctx,
                        List.of("args", "distros." + distro, baseId, "variants." + name)));
              }
            });
    return cells;
  }

  private static Map<String, String> fields(
      String id, String os, String version, String distro, Map<String, Object> d, Object base) {
    return Map.of(
        "id", id,
        "os", os,
        "version", version,
        "distro", distro,
        "package_manager", (String) d.get("packageManager"),
        "base_image",
            base != null
                ? base.toString()
                : "localhost/osimages/bootstrap/" + id.replace("/", ":"));
  }

  @Test
  void everyShippedCell_renders() throws IOException {
    List<ShippedCell> cells = cells();
    assertThat(cells)
        .extracting(ShippedCell::id)
        .containsExactlyInAnyOrder(
            "debian/12",
            "debian/13",
            "ubuntu/24.04",
            "ubuntu/26.04",
            "almalinux/9",
            "almalinux/10",
            "firewall/3.0-ubuntu",
            "firewall/3.0-debian",
            "debian-nvidia/13",
            "capms-ubuntu/1.32.9");
    DockerfileRenderer renderer = new DockerfileRenderer();
    for (ShippedCell cell : cells) {
      String out = renderer.render(Path.of(cell.template()), ROOT, cell.id(), cell.context());
      assertThat(out)
          .as(cell.id())
          .contains("ARG BASE_IMAGE=" + cell.context().get("base_image") + "\n")
          .containsPattern("\nFROM \\$\\{BASE_IMAGE\\}( AS [a-z-]+)?\n")
          .contains("org.opencontainers.image.title=\"" + cell.id() + "\"")
          .doesNotContain("{{")
          .doesNotContain("&amp;");
    }
  }

  private static String render(ShippedCell cell) {
    return new DockerfileRenderer()
        .render(Path.of(cell.template()), ROOT, cell.id(), cell.context());
  }

  private static ShippedCell cell(String profile, String id) throws IOException {
    return cells(profile).stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void everyShippedCell_rendersWithTheDistroProfile() throws IOException {
    for (ShippedCell cell : cells("distro")) {
      assertThat(render(cell)).as(cell.id()).doesNotContain("{{");
    }
  }

  @Test
  void workerImages_distroProfile_installTheDistrosPackages_andFetchNothingElse()
      throws IOException {
    for (String id : List.of("debian/12", "debian/13", "ubuntu/24.04", "ubuntu/26.04")) {
      String out = render(cell("distro", id));
      assertThat(out)
          .as(id)
          .contains(" containerd ", " frr frr-pythontools ", " lldpd ", "cloud-init", "jq")
          .contains("ipmitool", "nvme-cli", "watchdog", "systemd-timesyncd", "systemd-resolved-")
          .contains("systemctl enable ssh lldpd containerd frr systemd-networkd")
          .contains("systemctl mask console-getty.service")
          .doesNotContain("ADD ", "apt-source.sh", "AS ignition", "chrony");
    }
    assertThat(render(cell("distro", "debian/13")))
        .contains("linux-image-6.12.101+deb13-amd64 intel-microcode linux-cpupower")
        .contains(" firmware-intel-misc ");
    assertThat(render(cell("distro", "ubuntu/24.04")))
        .contains("linux-image-generic intel-microcode cpufrequtils")
        .contains("series='6.8'");
  }

  @Test
  void workerImages_withoutProfile_fetchEverySourcePinned() throws IOException {
    String debian = render(cell(null, "debian/13"));
    assertThat(debian)
        .contains("FROM ${BASE_IMAGE} AS ignition")
        .contains("VERSION=v0.36.2 make")
        .contains("COPY --from=ignition /src/ignition/bin/amd64/ /usr/local/bin/")
        .contains(
            "apt-source.sh docker 'https://download.docker.com/linux/debian/gpg'"
                + " '9DC858229FC7DD38854AE2D88D81803C0EBFCD88' /etc/apt/keyrings/docker.asc"
                + " 'https://download.docker.com/linux/debian trixie stable'")
        .contains("'containerd.io=2.2.6-1~debian.13~trixie'")
        .contains("'frr=10.4.4-0~deb13u1' 'frr-pythontools=10.4.4-0~deb13u1'")
        .contains(
            "ADD --checksum=sha256: https://github.com/metal-stack/go-lldpd/releases/download/"
                + "v0.4.12/go-lldpd.tgz /tmp/osimages-build/go-lldpd.tgz")
        .contains("ice-1.3.53.0.pkg /usr/lib/firmware/intel/ice/ddp/ice.pkg")
        .doesNotContain(" containerd \\", " lldpd \\");
    String ubuntu = render(cell(null, "ubuntu/24.04"));
    assertThat(ubuntu)
        .contains("https://kernel.ubuntu.com/mainline/v6.18.40/amd64/CHECKSUMS")
        .contains("sha256sum -c wanted")
        .contains("series='6.18.40'")
        .doesNotContain("install -y --no-install-recommends linux-image-generic");
  }

  @Test
  void capms_pinsKubernetes_pullsImagesInABuildOnlyStage_andKeepsSkopeoOut() throws IOException {
    String out = render(cell("distro", "capms-ubuntu/1.32.9"));
    assertThat(out)
        .contains("FROM ${BASE_IMAGE} AS kubeadm-base")
        .contains(
            "apt-source.sh kubernetes 'https://pkgs.k8s.io/core:/stable:/v1.32/deb/Release.key'")
        .contains("'kubeadm=1.32.9-1.1' 'kubectl=1.32.9-1.1' 'kubelet=1.32.9-1.1' kubernetes-cni")
        .contains("FROM kubeadm-base AS kubeadm-pull")
        .contains("kubeadm config images list --kubernetes-version '1.32.9'")
        .contains("docker-archive:/kubeadm-images/kube-vip.tar:ghcr.io/kube-vip/kube-vip:v0.8.10")
        .endsWith(
            "FROM kubeadm-base\nARG SOURCE_DATE_EPOCH\n"
                + "COPY --from=kubeadm-pull /kubeadm-images/ /kubeadm-images/\n");
  }

  @Test
  void firewall_distroProfile_dropsIptablesAndTheImageSources() throws IOException {
    String out = render(cell("distro", "firewall/3.0-debian"));
    assertThat(out)
        .contains("apt-get purge -y iptables", "chrony suricata suricata-update nftables")
        .contains("dpkg-divert --local --rename", "systemctl mask chrony.service")
        .contains("ln -sfn /usr/bin/prometheus-node-exporter /usr/local/bin/node_exporter")
        .doesNotContain("COPY --from=", "ADD ");
    assertThat(render(cell(null, "firewall/3.0-debian")))
        .contains("COPY --from=ghcr.io/metal-stack/firewall-controller:v2.5.0 /firewall-controller")
        .contains("COPY --from=ghcr.io/metal-stack/frr:10.4.1-ubuntu-24.04 /artifacts/");
  }

  @Test
  void everyTemplateVariable_isProvided_andEveryDeclaredArg_isUsed() throws IOException {
    Map<String, Object> decl = declaration();
    Map<String, Set<String>> usedByLevel = new LinkedHashMap<>();
    for (ShippedCell cell : cells()) {
      Set<String> names = TemplateVariables.scan(Path.of(cell.template()), ROOT).names();
      assertThat(cell.context().keySet()).as(cell.id()).containsAll(names);
      for (String level : cell.levels()) {
        usedByLevel.computeIfAbsent(level, l -> new TreeSet<>()).addAll(names);
      }
    }
    Map<String, Object> profiles = map(decl.get("profiles"));
    for (String profile : profiles.keySet()) {
      Set<String> used = new TreeSet<>();
      for (ShippedCell cell : cells(profile)) {
        used.addAll(TemplateVariables.scan(Path.of(cell.template()), ROOT).names());
      }
      usedByLevel.put("profiles." + profile, used);
    }
    List<String> unused = new ArrayList<>();
    declaredArgs(decl)
        .forEach(
            (level, declared) ->
                declared.stream()
                    .filter(a -> !usedByLevel.getOrDefault(level, Set.of()).contains(a))
                    .forEach(a -> unused.add(level + "." + a)));
    assertThat(unused).as("declared args no template of their cells uses").isEmpty();
  }

  private static Map<String, Set<String>> declaredArgs(Map<String, Object> decl) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    out.put("args", args(decl).keySet());
    map(decl.get("distros"))
        .forEach(
            (name, d) -> {
              out.put("distros." + name, args(map(d)).keySet());
              map(map(d).get("versions"))
                  .forEach((v, vn) -> out.put(name + "/" + v, args(map(vn)).keySet()));
            });
    map(decl.get("variants"))
        .forEach((name, vn) -> out.put("variants." + name, args(map(vn)).keySet()));
    map(decl.get("profiles"))
        .forEach((name, pn) -> out.put("profiles." + name, args(map(pn)).keySet()));
    return out;
  }
}
