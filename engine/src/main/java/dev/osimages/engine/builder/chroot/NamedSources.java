package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.base.BaseResolver;
import dev.osimages.engine.base.ResolvedBase;
import dev.osimages.engine.builder.NamedContext;
import dev.osimages.engine.dockerfile.Stage;
import dev.osimages.engine.host.Digests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a name in {@code COPY --from}, {@code RUN --mount=from=} and {@code FROM} stands for, with
 * BuildKit's precedence: a named context (which also replaces a stage of the same name), else an
 * earlier stage. Local contexts read like the main context; image contexts (another cell's root
 * filesystem) keep owners, like stages.
 */
final class NamedSources {
  /** Files to read and the cache key part for them (empty: hash the files read). */
  record Source(CopySource files, Optional<String> key) {}

  private final BuildSession s;
  private final Map<String, NamedContext> contexts;

  NamedSources(BuildSession s, Map<String, NamedContext> contexts) {
    this.s = s;
    this.contexts = contexts;
  }

  /** The named context {@code name} refers to, if any. */
  Optional<NamedContext> context(String name) {
    return NamedContext.lookup(contexts, name);
  }

  /** True when a named context takes the place of stage {@code st} (BuildKit's rule). */
  boolean replaces(Stage st) {
    return st.alias().flatMap(this::context).isPresent();
  }

  /** Where {@code name} reads from, or empty when it is neither a context nor a stage. */
  Optional<Source> find(String name) {
    Optional<NamedContext> c = context(name);
    if (c.isPresent()) {
      if (c.get() instanceof NamedContext.Local l) {
        return Optional.of(
            new Source(CopySource.context(l.context(), "named context " + name), Optional.empty()));
      }
      ResolvedBase b = base(name, c.get());
      Path root = s.view(b.layers());
      return Optional.of(
          new Source(
              CopySource.stage(root, "named context " + name), Optional.of("context:" + b.key())));
    }
    if (s.dockerfile.stage(name).isPresent()) {
      CopyInstruction.StageResult r = s.stageResult.apply(name);
      return Optional.of(
          new Source(
              CopySource.stage(r.rootfs(), "stage " + name), Optional.of("stage:" + r.key())));
    }
    return Optional.empty();
  }

  /** {@code context} as a base to start a stage from ({@code FROM name}). */
  ResolvedBase base(String name, NamedContext context) {
    return s.resolvedBases.computeIfAbsent(
        "context " + name,
        k -> {
          BaseResolver resolver = new BaseResolver(s.state.bases());
          if (context instanceof NamedContext.Image i) {
            return resolver.resolve(i.base(), s.log.sink("context " + name));
          }
          List<String> keys = new ArrayList<>();
          List<Path> layers = new ArrayList<>();
          for (Path root : ((NamedContext.Local) context).context().roots()) {
            ResolvedBase r =
                resolver.resolve(new dev.osimages.engine.model.Base.RootfsDir(root), s.log.sink(k));
            keys.add(r.key());
            layers.addAll(r.layers());
          }
          return new ResolvedBase(Digests.of(keys.toArray(String[]::new)), layers, false);
        });
  }

  /** For messages: the stages and named contexts a name could have meant. */
  String known() {
    TreeSet<String> stages = new TreeSet<>();
    for (Stage st : s.dockerfile.stages()) {
      st.alias().ifPresent(stages::add);
    }
    return "stages: "
        + (stages.isEmpty() ? "none named" : String.join(", ", stages))
        + "; named contexts: "
        + (contexts.isEmpty() ? "none" : String.join(", ", new TreeSet<>(contexts.keySet())));
  }
}
