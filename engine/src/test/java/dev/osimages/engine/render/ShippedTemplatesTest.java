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

  /** Cells as the contract defines them, with which arg levels reach each. */
  static List<ShippedCell> cells() throws IOException {
    Map<String, Object> decl = declaration();
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
            "debian-nvidia/13");
    DockerfileRenderer renderer = new DockerfileRenderer();
    for (ShippedCell cell : cells) {
      String out = renderer.render(Path.of(cell.template()), ROOT, cell.id(), cell.context());
      assertThat(out)
          .as(cell.id())
          .contains("ARG BASE_IMAGE=" + cell.context().get("base_image") + "\nFROM ${BASE_IMAGE}\n")
          .contains("org.opencontainers.image.title=\"" + cell.id() + "\"")
          .doesNotContain("{{")
          .doesNotContain("&amp;");
    }
  }

  @Test
  void machineImages_renderTheAdminUserConsoleAndKernel() throws IOException {
    DockerfileRenderer renderer = new DockerfileRenderer();
    for (ShippedCell cell : cells()) {
      if (cell.id().startsWith("firewall/") || cell.id().startsWith("debian-nvidia/")) {
        continue;
      }
      String out = renderer.render(Path.of(cell.template()), ROOT, cell.id(), cell.context());
      assertThat(out)
          .as(cell.id())
          .contains("admin='metal'")
          .contains("console='ttyS1,115200n8'")
          .contains("systemctl enable \"serial-getty@$tty.service\"")
          .contains(cell.context().get("KERNEL_PACKAGE"))
          .contains("case \"$k\" in " + cell.context().get("KERNEL_SERIES") + ".*)")
          .contains("Ignition 2.20.0 is not baked in")
          .doesNotContain("curl -fsSL --retry 3");
    }
  }

  @Test
  void ignitionUrl_whenSet_isFetchedAndChecked() throws IOException {
    ShippedCell cell =
        cells().stream().filter(c -> c.id().equals("debian/13")).findFirst().orElseThrow();
    Map<String, String> ctx = new LinkedHashMap<>(cell.context());
    ctx.put("IGNITION_URL", "https://example.invalid/ignition?a=1&b=2");
    ctx.put("IGNITION_SHA256", "abc");
    String out = new DockerfileRenderer().render(Path.of(cell.template()), ROOT, cell.id(), ctx);
    assertThat(out)
        .contains(
            "curl -fsSL --retry 3 -o /usr/local/bin/ignition 'https://example.invalid/ignition?a=1&b=2'")
        .contains("echo 'abc  /usr/local/bin/ignition' | sha256sum -c -")
        .doesNotContain("is not baked in");
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
    return out;
  }
}
