package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.archive.ArchiveProxy;
import dev.osimages.engine.archive.FetchLog;
import dev.osimages.engine.builder.BuildException;
import dev.osimages.engine.dockerfile.Instruction;
import dev.osimages.engine.dockerfile.RunMount;
import dev.osimages.engine.dockerfile.ShellWords;
import dev.osimages.engine.dockerfile.Stage;
import dev.osimages.engine.host.Digests;
import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.host.Trees;
import dev.osimages.engine.model.NetworkMode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds one stage: walks its instructions, keeps {@link StageState}, and for each instruction that
 * changes the filesystem (RUN, COPY, ADD, WORKDIR) either finds its layer in the step cache or
 * makes it. The cache key of a step is its parent's key plus the instruction, everything in effect
 * that it depends on, and the content hash of what it copies.
 */
final class StageBuilder {
  private final BuildSession s;
  private final Stage stage;
  private final Map<String, String> globalArgs;
  private final String name;

  StageBuilder(BuildSession session, Stage stage, Map<String, String> globalArgs) {
    this.s = session;
    this.stage = stage;
    this.globalArgs = globalArgs;
    this.name = stage.alias().orElse("stage " + stage.index());
  }

  StageState build(StageState st) {
    for (Instruction i : stage.instructions()) {
      ShellWords words = new ShellWords(s.dockerfile.escape(), s.dockerfile.name(), i.line());
      if (i instanceof Instruction.Arg a) {
        arg(st, a, words);
      } else if (i instanceof Instruction.Env e) {
        Map<String, String> vars = st.vars();
        for (Instruction.KeyValue kv : e.pairs()) {
          String k = words.expand(kv.key(), vars);
          String v = words.expand(kv.value(), vars);
          st.env.put(k, v);
          st.imageEnv.put(k, v);
        }
      } else if (i instanceof Instruction.User u) {
        st.user = words.expand(u.user(), st.vars());
      } else if (i instanceof Instruction.Shell sh) {
        st.shell = sh.argv();
      } else if (i instanceof Instruction.Workdir w) {
        workdir(st, w, words.expand(w.path(), st.vars()));
      } else if (i instanceof Instruction.Run r) {
        run(st, r, words);
      } else if (i instanceof Instruction.Copy c) {
        new CopyInstruction(s, st, c, words).apply(this);
      }
      // LABEL and the container-configuration instructions change no file: nothing to do.
    }
    return st;
  }

  private void arg(StageState st, Instruction.Arg a, ShellWords words) {
    String v = s.buildArgs.get(a.name());
    if (v == null && a.defaultValue().isPresent()) {
      v = words.expand(a.defaultValue().get(), st.vars());
    }
    if (v == null) {
      v = globalArgs.get(a.name());
    }
    if (v != null) {
      st.args.put(a.name(), v);
      st.env.put(a.name(), v);
    }
  }

  /**
   * WORKDIR as BuildKit makes it: every missing directory of the path is created 0755 and owned by
   * the USER in effect (BuildKit's file-operation rules: a lone uid is also the gid), existing ones
   * are left alone.
   */
  private void workdir(StageState st, Instruction.Workdir w, String path) {
    String abs = path.startsWith("/") ? path : st.workdir + "/" + path;
    st.workdir = Path.of("/").resolve(abs).normalize().toString();
    String text = "WORKDIR " + st.workdir;
    String key = Digests.of(st.key, "WORKDIR", st.workdir, st.user);
    if (st.workdir.equals("/")) {
      return;
    }
    Users.Identity owner;
    try {
      owner =
          st.user.isEmpty()
              ? Users.Identity.ROOT
              : new Users(new LayerStack(st.layers)).owner(st.user);
    } catch (IllegalArgumentException e) {
      throw invalid(w.line(), text + " (USER " + st.user + "): " + e.getMessage());
    }
    fsStep(
        st,
        w.line(),
        text,
        key,
        (work, lines) -> {
          ImageWriter writer = new ImageWriter(work.resolve("diff"), st.layers);
          writer.mkdirs(
              writer.view().resolve(st.workdir, true),
              ImageWriter.Attrs.dir(owner.uid(), owner.gid()));
        });
  }

  private void run(StageState st, Instruction.Run r, ShellWords words) {
    RunCommand cmd = RunCommand.of(r, st.shell);
    String text =
        "RUN "
            + r.network().map(n -> "--network=" + n + " ").orElse("")
            + String.join(" ", r.command().args())
            + cmd.summary();
    RunMounts.Problems fail = m -> invalid(r.line(), abbreviate(text) + ": " + m);
    List<RunMount> parsed = new ArrayList<>();
    for (String m : r.mounts()) {
      try {
        parsed.add(RunMount.parse(m, v -> words.expand(v, st.vars())));
      } catch (IllegalArgumentException e) {
        throw fail.invalid(e.getMessage());
      }
    }
    RunMounts mounts = RunMounts.plan(s, st, parsed, cmd.pipe(), fail);
    RunNetwork network = s.networks.of(r);
    // As in BuildKit, whose cache key holds the exec op's network mode when it is not the
    // default: none and host steps are keyed apart, default ones keep their keys.
    List<String> keyParts =
        new ArrayList<>(
            List.of(st.key, "RUN", String.join("\0", cmd.argv()), st.runContext(), mounts.key()));
    if (network.mode() != NetworkMode.DEFAULT) {
      keyParts.add("network=" + network.mode().spelling());
    }
    String key = Digests.of(keyParts.toArray(String[]::new));
    fsStep(
        st,
        r.line(),
        text,
        key,
        (work, lines) -> {
          LayerStack view = new LayerStack(st.layers);
          Users.Identity who = new Users(view).resolve(st.user.isEmpty() ? "0" : st.user);
          String wd = view.resolve(st.workdir, true);
          HostCommand.Result res;
          // SOURCE_DATE_EPOCH and the archive proxy are the run's, not the image's: no key.
          try (ArchiveProxy proxy = proxy(network.mode(), lines);
              MountSetup setup =
                  mounts.isEmpty()
                      ? null
                      : MountSetup.open(
                          work, st.layers, mounts, new CacheMounts(s.state.cacheMounts()))) {
            Map<String, String> env = s.pinning.environment(st.runEnv(who.home()), proxy);
            res =
                new RunStep(s.state.root())
                    .run(work, st.layers, wd, who, env, cmd.argv(), setup, network, proxy, lines);
            if (proxy != null) {
              FetchLog.write(work.resolve(FetchLog.NAME), proxy.fetched());
            }
          }
          if (!res.ok()) {
            throw s.fail(r.line(), abbreviate(text), "exit code " + res.exitCode(), res.tail());
          }
        });
  }

  /**
   * The archive proxy of a RUN step in {@code mode}, or null: none for a step without network (or
   * without pinning); on the host's loopback for a step on the host's network; for a step with its
   * own network, one that refuses the host's loopback, reached through its forwarder.
   */
  private ArchiveProxy proxy(NetworkMode mode, Consumer<String> lines) {
    return switch (mode) {
      case NONE -> null;
      case HOST -> s.pinning.startProxy(lines);
      default ->
          s.pinning.startProxy(
              lines, ArchiveProxy.Listen.forSteps(java.net.InetAddress.getLoopbackAddress()));
    };
  }

  /** The work of a filesystem step, writing into {@code work/diff}. */
  interface Work {
    void make(Path work, Consumer<String> lines);
  }

  /** Serves {@code key} from the cache or runs {@code make}, then stacks the layer. */
  void fsStep(StageState st, int line, String text, String key, Work make) {
    long t0 = System.nanoTime();
    Optional<LayerStore.Layer> hit = s.noCache ? Optional.empty() : s.layers.find(key);
    LayerStore.Layer layer;
    if (hit.isPresent()) {
      layer = hit.get();
    } else {
      s.log.write("--- " + name + ": " + s.dockerfile.at(line) + ": " + text);
      Path work = s.layers.newWork();
      HostCommand.Cleanup cleanup = HostCommand.atShutdown(() -> Trees.delete(work));
      try {
        make.make(work, s.log.sink(s.dockerfile.at(line)));
        layer = s.layers.commit(work, key, st.key, below(st), text, s.noCache);
      } catch (BuildException e) {
        throw e;
      } catch (EngineException
          | IllegalArgumentException
          | IllegalStateException
          | UncheckedIOException e) {
        throw s.fail(line, abbreviate(text), e.getMessage(), List.of());
      } finally {
        cleanup.run();
      }
    }
    s.used.add(layer.diff());
    if (!layer.empty()) {
      st.layers.add(layer.diff());
    }
    s.fetched.addAll(FetchLog.read(layer.diff().resolveSibling(FetchLog.NAME)));
    st.key = key;
    s.step(name, line, abbreviate(text), hit.isPresent(), Duration.ofNanos(System.nanoTime() - t0));
  }

  /** The top layer the step is stacked on (empty for a stage from scratch). */
  private static Optional<Path> below(StageState st) {
    return st.layers.isEmpty()
        ? Optional.empty()
        : Optional.of(st.layers.get(st.layers.size() - 1));
  }

  static String abbreviate(String text) {
    String one = text.replaceAll("\\s+", " ");
    return one.length() > 100 ? one.substring(0, 97) + "..." : one;
  }

  /** For messages: a failure that is the Dockerfile's fault, not a step's. */
  EngineException invalid(int line, String message) {
    return new EngineException(
        s.cell + ": " + s.dockerfile.at(line) + ": " + message, ExitCode.INVALID);
  }
}
