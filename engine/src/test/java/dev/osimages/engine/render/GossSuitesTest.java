package dev.osimages.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped goss suites stay portable to real goss v0.4: templates use only {@code .Vars.x},
 * {@code if eq/ne ... else end}; rendered with every var combination the declaration uses they
 * parse as YAML, name only documented resources and attributes, and quote file modes. This test
 * evaluates that small template subset itself (the engine's verify stage has the real loader).
 */
class GossSuitesTest {
  private static final Path GOSS = Path.of("..").toAbsolutePath().normalize().resolve("goss");
  private static final Set<String> COMMON = Set.of("skip", "title", "meta");
  private static final Map<String, Set<String>> ATTRIBUTES =
      Map.of(
          "file",
          Set.of(
              "exists",
              "mode",
              "size",
              "owner",
              "group",
              "uid",
              "gid",
              "filetype",
              "contents",
              "md5",
              "sha256",
              "sha512",
              "linked-to"),
          "package",
          Set.of("installed", "versions"),
          "service",
          Set.of("enabled", "running"),
          "user",
          Set.of("exists", "uid", "gid", "groups", "home", "shell"),
          "group",
          Set.of("exists", "gid"),
          "command",
          Set.of("exec", "exit-status", "stdout", "stderr", "timeout"),
          "kernel-param",
          Set.of("value"));
  private static final Pattern ACTION = Pattern.compile("\\{\\{(.*?)\\}\\}");
  private static final Pattern IF = Pattern.compile("if (eq|ne) \\.Vars\\.(\\w+) \"([^\"]*)\"");
  private static final Pattern VAR = Pattern.compile("\\.Vars\\.(\\w+)");

  /** Evaluates {@code {{.Vars.x}}}, {@code {{if eq|ne .Vars.x "v"}}}, else, end; nothing else. */
  static String render(String template, Map<String, String> vars) {
    StringBuilder out = new StringBuilder();
    List<Boolean> stack = new ArrayList<>();
    Matcher m = ACTION.matcher(template);
    int at = 0;
    while (m.find()) {
      if (!stack.contains(false)) {
        out.append(template, at, m.start());
      }
      at = m.end();
      String action = m.group(1).trim();
      Matcher cond = IF.matcher(action);
      Matcher var = VAR.matcher(action);
      if (cond.matches() && stack.contains(false)) {
        stack.add(false); // as Go's text/template: a branch not taken is not evaluated
      } else if (cond.matches()) {
        boolean eq = require(vars, cond.group(2)).equals(cond.group(3));
        stack.add(cond.group(1).equals("eq") == eq);
      } else if (action.equals("else")) {
        stack.set(stack.size() - 1, !stack.get(stack.size() - 1));
      } else if (action.equals("end")) {
        stack.remove(stack.size() - 1);
      } else if (var.matches()) {
        if (!stack.contains(false)) {
          out.append(require(vars, var.group(1)));
        }
      } else {
        throw new AssertionError("not in the portable template subset: {{" + action + "}}");
      }
    }
    assertThat(stack).as("unclosed if").isEmpty();
    return out.append(template.substring(at)).toString();
  }

  private static String require(Map<String, String> vars, String name) {
    String v = vars.get(name);
    if (v == null) {
      throw new AssertionError(
          "map has no entry for key \"" + name + "\" (goss: missingkey=error)");
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private static void checkSuite(String file, Map<String, String> vars) throws IOException {
    String text = render(Files.readString(GOSS.resolve(file)), vars);
    Map<String, Object> suite = new Yaml().load(text);
    assertThat(suite).as(file).isNotEmpty();
    suite.forEach(
        (type, resources) -> {
          assertThat(ATTRIBUTES).as(file + ": resource type").containsKey(type);
          ((Map<String, Object>) resources)
              .forEach(
                  (id, body) -> {
                    assertThat(body).as(file + ": " + type + " " + id + " has a body").isNotNull();
                    for (var attr : ((Map<String, Object>) body).entrySet()) {
                      assertThat(
                              ATTRIBUTES.get(type).contains(attr.getKey())
                                  || COMMON.contains(attr.getKey()))
                          .as(file + ": " + type + " " + id + ": attribute " + attr.getKey())
                          .isTrue();
                      if (attr.getKey().equals("mode")) {
                        assertThat(attr.getValue())
                            .as(file + ": quoted mode")
                            .isInstanceOf(String.class);
                      }
                    }
                  });
        });
  }

  @Test
  void machineSuite_isPortableGoss_forDpkgAndRpm() throws IOException {
    for (String dhcpClient : List.of("removed", "kept")) {
      checkSuite(
          "machine.yaml",
          Map.of("package_manager", "dpkg", "dhcp_client", dhcpClient, "serial_tty", "ttyS1"));
    }
    checkSuite("machine.yaml", Map.of("package_manager", "rpm", "serial_tty", "ttyS1"));
  }

  @Test
  void firewallAndNvidiaSuites_arePortableGoss() throws IOException {
    checkSuite("firewall.yaml", Map.of("admin_user", "metal", "serial_tty", "ttyS1"));
    checkSuite("nvidia.yaml", Map.of("admin_user", "metal"));
  }

  @Test
  void render_missingVar_failsLikeGoss() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> render("{{.Vars.x}}", Map.of()))
        .hasMessageContaining("no entry for key \"x\"");
  }

  @Test
  void machineSuite_rpmBranch_checksRpmServices() {
    String dpkg = render("{{if eq .Vars.pm \"rpm\"}}sshd{{else}}ssh{{end}}", Map.of("pm", "dpkg"));
    String rpm = render("{{if eq .Vars.pm \"rpm\"}}sshd{{else}}ssh{{end}}", Map.of("pm", "rpm"));
    assertThat(dpkg).isEqualTo("ssh");
    assertThat(rpm).isEqualTo("sshd");
  }
}
