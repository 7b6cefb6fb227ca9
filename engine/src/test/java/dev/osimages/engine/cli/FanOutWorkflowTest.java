package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The CI fan-out: cell levels from {@code engine matrix}, and the shipped GitHub workflow and the
 * generated GitLab child pipeline checked against them (parsed as YAML, job graph compared).
 */
class FanOutWorkflowTest {
  private static final String DECL = ShippedDeclarationTest.DECLARATION.toString();
  private static final Path WORKFLOW = Path.of("..", ".github", "workflows", "images.yml");

  /** Cell ids by level, from {@code engine matrix --format github}. */
  private static TreeMap<Integer, List<String>> levels(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("matrix", "-f", DECL, "--format", "github"));
    args.addAll(List.of(extra));
    Cli r = Cli.run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    TreeMap<Integer, List<String>> out = new TreeMap<>();
    for (JsonNode e : new ObjectMapper().readTree(r.out()).path("include")) {
      out.computeIfAbsent(e.path("level").asInt(), k -> new ArrayList<>())
          .add(e.path("id").asText());
    }
    return out;
  }

  @Test
  void matrix_givesEachCellItsLevel_andLevelSelects() throws Exception {
    TreeMap<Integer, List<String>> all = levels();
    assertThat(all.get(0)).contains("debian/13", "ubuntu/24.04", "almalinux/9");
    assertThat(all.get(1))
        .contains("firewall/3.0-ubuntu", "firewall/3.0-debian", "debian-nvidia/13");
    assertThat(levels("--level", "1")).containsOnlyKeys(1).containsEntry(1, all.get(1));
    assertThat(levels("--level", "0", "--only", "debian/*"))
        .containsEntry(0, List.of("debian/12", "debian/13"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void githubWorkflow_hasOneJobPerLevel_eachNeedingTheLevelBefore_andAReleaseAfterAll()
      throws Exception {
    Map<String, Object> wf = new Yaml().load(Files.readString(WORKFLOW));
    Map<String, Map<String, Object>> jobs = (Map<String, Map<String, Object>>) wf.get("jobs");
    TreeMap<Integer, List<String>> levels = levels();
    String computed =
        String.valueOf(
            ((List<Map<String, Object>>) jobs.get("matrix").get("steps")).get(2).get("run"));
    List<String> levelJobs = new ArrayList<>();
    for (int n : levels.keySet()) {
      String job = "level" + n;
      levelJobs.add(job);
      assertThat(jobs).containsKey(job);
      assertThat(computed)
          .contains("--format github --level $n")
          .containsPattern("for n in [0-9 ]*\\b" + n + "\\b");
      Map<String, Object> j = jobs.get(job);
      assertThat((List<String>) j.get("needs")).contains("matrix");
      if (n > 0) {
        assertThat((List<String>) j.get("needs")).contains("level" + (n - 1));
      }
      Map<String, Object> strategy = (Map<String, Object>) j.get("strategy");
      assertThat(String.valueOf(strategy.get("matrix")))
          .isEqualTo("${{ fromJSON(needs.matrix.outputs." + job + ") }}");
      assertThat(strategy.get("fail-fast")).isEqualTo(false);
      String steps = String.valueOf(j.get("steps"));
      assertThat(steps).contains("bin/engine run --matrix --only \"${{ matrix.id }}\" --push");
      assertThat(((Map<String, Object>) jobs.get("matrix").get("outputs"))).containsKey(job);
    }
    Map<String, Object> release = jobs.get("release");
    assertThat((List<String>) release.get("needs")).containsAll(levelJobs);
    assertThat(String.valueOf(release.get("steps")))
        .contains("bin/engine fetch --channel stable")
        .contains("bin/engine release --from stable");
  }

  @Test
  @SuppressWarnings("unchecked")
  void gitlabPipeline_spreadsEachLevelWithParallelMatrix_andNeedsTheLevelBefore() throws Exception {
    Cli r = Cli.run("matrix", "-f", DECL, "--format", "gitlab");
    assertThat(r.code()).as(r.err()).isZero();
    Map<String, Object> p = new Yaml().load(r.out());
    TreeMap<Integer, List<String>> levels = levels();
    List<String> stages = (List<String>) p.get("stages");
    List<String> levelJobs = new ArrayList<>();
    for (int n : levels.keySet()) {
      String job = "level" + n;
      levelJobs.add(job);
      Map<String, Object> j = (Map<String, Object>) p.get(job);
      assertThat(j.get("stage")).isEqualTo(job);
      assertThat(stages).contains(job);
      Map<String, Object> parallel = (Map<String, Object>) j.get("parallel");
      List<Map<String, Object>> matrix = (List<Map<String, Object>>) parallel.get("matrix");
      assertThat((List<String>) matrix.get(0).get("CELL")).isEqualTo(levels.get(n));
      assertThat((List<String>) j.get("needs"))
          .isEqualTo(n == 0 ? List.of() : List.of("level" + (n - 1)));
      assertThat(j.get("extends")).isEqualTo(".cell");
    }
    assertThat(String.valueOf(((Map<String, Object>) p.get(".cell")).get("script")))
        .contains("bin/engine run --matrix --only \"$CELL\" --push");
    Map<String, Object> release = (Map<String, Object>) p.get("release");
    assertThat((List<String>) release.get("needs")).isEqualTo(levelJobs);
    assertThat(String.valueOf(release.get("script")))
        .contains("bin/engine fetch --channel \"stable\"");
    Map<String, Object> ci = new Yaml().load(Files.readString(Path.of("..", ".gitlab-ci.yml")));
    assertThat(String.valueOf(ci.get("matrix")))
        .contains("bin/engine matrix --format gitlab > cells.yml");
    assertThat(String.valueOf(ci.get("images"))).contains("artifact=cells.yml");
  }
}
