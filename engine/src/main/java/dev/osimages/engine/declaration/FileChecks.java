package dev.osimages.engine.declaration;

import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.model.Distro;
import dev.osimages.engine.model.NamedContextSpec;
import dev.osimages.engine.model.Problem;
import dev.osimages.engine.model.SecretSpec;
import dev.osimages.engine.model.TestSpec;
import dev.osimages.engine.model.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks that every file a declaration names exists, is of the right kind and stays inside the
 * declaration's directory: no absolute paths, no {@code ..} climbing out, no symbolic link leading
 * out. The engine runs as root, so a declaration must not be able to read the host's files.
 */
final class FileChecks {
  private enum Kind {
    TEMPLATE("template file", false, false),
    CONTEXT("context directory", true, false),
    SUITE("goss suite", false, false),
    PREPARE("prepare file", null, false),
    // A secret may be written by the CI job that runs the engine; its build checks it is there.
    SECRET("secret file", false, true);

    final String noun;
    final Boolean directory; // null: a file or a directory
    final boolean mayBeAbsent;

    Kind(String noun, Boolean directory, boolean mayBeAbsent) {
      this.noun = noun;
      this.directory = directory;
      this.mayBeAbsent = mayBeAbsent;
    }
  }

  private final Declaration decl;
  private final List<Problem> problems;
  private final Path baseDir;
  private Path realBaseDir;

  FileChecks(Declaration decl, List<Problem> problems) {
    this.decl = decl;
    this.problems = problems;
    this.baseDir = decl.baseDir();
  }

  /** Checks the templates, contexts, goss suites and secret files the declaration names. */
  void check() {
    for (Distro d : decl.distros()) {
      NodePath path = NodePath.of("distros", d.name());
      check(path.key("template"), d.template(), Kind.TEMPLATE);
      contexts(path, d.contexts());
      named(path, d.namedContexts());
    }
    for (Variant v : decl.variants()) {
      NodePath path = NodePath.of("variants", v.name());
      check(path.key("template"), v.template(), Kind.TEMPLATE);
      contexts(path, v.contexts());
      named(path, v.namedContexts());
    }
    List<TestSpec> tests = decl.tests();
    for (int i = 0; i < tests.size(); i++) {
      check(NodePath.of("tests", i, "suite"), tests.get(i).suite(), Kind.SUITE);
      var files = tests.get(i).prepare().map(p -> p.files()).orElse(List.of());
      for (int j = 0; j < files.size(); j++) {
        NodePath at = NodePath.of("tests", i, "prepare", "files", j, "from");
        check(at, files.get(j).from(), Kind.PREPARE);
      }
    }
    decl.secrets()
        .forEach(
            (id, s) -> {
              if (s instanceof SecretSpec.File f) {
                check(NodePath.of("secrets", id, "file"), f.path(), Kind.SECRET);
              }
            });
  }

  private void contexts(NodePath owner, List<String> contexts) {
    for (int i = 0; i < contexts.size(); i++) {
      check(owner.key("contexts").index(i), contexts.get(i), Kind.CONTEXT);
    }
  }

  private void named(NodePath owner, java.util.Map<String, NamedContextSpec> named) {
    named.forEach(
        (name, c) -> {
          if (c instanceof NamedContextSpec.Dir d) {
            check(
                owner.key("namedContexts").key(name).key("dir"), d.path().toString(), Kind.CONTEXT);
          }
        });
  }

  private void check(NodePath path, String relative, Kind kind) {
    String problem = problem(relative, kind);
    if (problem != null) {
      problems.add(Problem.error(decl.sources().at(path.dotted()), path.dotted(), problem));
    }
  }

  private String problem(String relative, Kind kind) {
    Path rel;
    try {
      rel = Path.of(relative);
    } catch (InvalidPathException e) {
      return "'" + relative + "' is not a valid path: " + e.getReason();
    }
    if (rel.isAbsolute()) {
      return kind.noun
          + " '"
          + relative
          + "' is an absolute path; write it relative to the declaration's directory";
    }
    Path resolved = baseDir.resolve(rel).normalize();
    if (!resolved.startsWith(baseDir)) {
      return kind.noun + " '" + relative + "' leaves the declaration's directory";
    }
    if (!Files.exists(resolved)) {
      return kind.mayBeAbsent ? null : kind.noun + " '" + relative + "' does not exist";
    }
    if (kind.directory == null) {
      if (!Files.isDirectory(resolved) && !Files.isRegularFile(resolved)) {
        return kind.noun + " '" + relative + "' is neither a file nor a directory";
      }
    } else if (kind.directory ? !Files.isDirectory(resolved) : !Files.isRegularFile(resolved)) {
      return kind.noun + " '" + relative + "' is not a " + (kind.directory ? "directory" : "file");
    }
    try {
      if (!resolved.toRealPath().startsWith(realBaseDir())) {
        return kind.noun
            + " '"
            + relative
            + "' leads out of the declaration's directory through a symbolic link";
      }
    } catch (IOException e) {
      return kind.noun + " '" + relative + "' cannot be read: " + e.getMessage();
    }
    return null;
  }

  private Path realBaseDir() throws IOException {
    if (realBaseDir == null) {
      realBaseDir = baseDir.toRealPath();
    }
    return realBaseDir;
  }
}
