package dev.osimages.engine.push;

import dev.osimages.engine.dockerfile.Dockerfile;
import dev.osimages.engine.dockerfile.DockerfileParser;
import dev.osimages.engine.dockerfile.Instruction;
import dev.osimages.engine.dockerfile.ShellWords;
import dev.osimages.engine.dockerfile.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels and environment of a cell's image, as its rendered Dockerfile declares them in the
 * final stage ({@code LABEL}, {@code ENV}, values expanded as Docker does), plus the engine's own
 * labels ({@code dev.osimages.cell}, {@code dev.osimages.input-hash}) that the Docker backend sets.
 */
record ImageMetadata(Map<String, String> labels, List<String> env) {
  ImageMetadata {
    labels = new TreeMap<>(labels);
    env = List.copyOf(env);
  }

  static ImageMetadata of(String cell, String dockerfile, String inputHash) {
    Dockerfile df = DockerfileParser.parse(cell + "/Dockerfile", dockerfile);
    Stage last = df.stages().get(df.stages().size() - 1);
    Map<String, String> vars = new LinkedHashMap<>();
    for (Instruction.Arg a : df.globalArgs()) {
      a.defaultValue().ifPresent(v -> vars.put(a.name(), v));
    }
    Map<String, String> env = new LinkedHashMap<>();
    Map<String, String> labels = new TreeMap<>();
    for (Instruction i : last.instructions()) {
      if (i instanceof Instruction.Env e) {
        ShellWords w = new ShellWords(df.escape(), df.name(), e.line());
        for (var kv : e.pairs()) {
          String v = w.expand(kv.value(), merged(vars, env));
          env.put(kv.key(), v);
        }
      } else if (i instanceof Instruction.Label l) {
        ShellWords w = new ShellWords(df.escape(), df.name(), l.line());
        for (var kv : l.pairs()) {
          labels.put(
              w.expand(kv.key(), merged(vars, env)), w.expand(kv.value(), merged(vars, env)));
        }
      }
    }
    labels.put("dev.osimages.cell", cell);
    labels.put("dev.osimages.input-hash", inputHash);
    List<String> envList = new ArrayList<>();
    env.forEach((k, v) -> envList.add(k + "=" + v));
    return new ImageMetadata(labels, envList);
  }

  private static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
    Map<String, String> m = new LinkedHashMap<>(a);
    m.putAll(b);
    return m;
  }
}
