package dev.osimages.engine.builder;

import dev.osimages.engine.model.Base;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A named build context, as {@code docker buildx build --build-context NAME=...} and bake's {@code
 * contexts} give them: {@code COPY --from=NAME}, {@code RUN --mount=from=NAME} and {@code FROM
 * NAME} read it. A {@link Local} context is directories merged like the main context (their files
 * become root-owned when copied); an {@link Image} context is another build's root filesystem
 * (owners kept), such as the result of another cell.
 */
public sealed interface NamedContext {
  /** A one-line description for plans and messages. */
  String describe();

  /** Directories on this host, merged in order (later ones win file by file). */
  record Local(BuildContext context) implements NamedContext {
    @Override
    public String describe() {
      return "dir " + String.join(", ", context.roots().stream().map(Object::toString).toList());
    }
  }

  /** A root filesystem to start from or copy out of ({@code cell} names it in messages). */
  record Image(String cell, Base base) implements NamedContext {
    @Override
    public String describe() {
      return "cell " + cell;
    }
  }

  /**
   * The context {@code reference} names, if any: BuildKit matches the name as written and without a
   * {@code :latest} tag ({@code FROM baseapp:latest} reads context {@code baseapp}).
   */
  static Optional<NamedContext> lookup(Map<String, NamedContext> contexts, String reference) {
    String r = reference.toLowerCase(Locale.ROOT);
    NamedContext c = contexts.get(r);
    if (c == null && r.endsWith(":latest")) {
      c = contexts.get(r.substring(0, r.length() - ":latest".length()));
    }
    return Optional.ofNullable(c);
  }

  /** Whether {@code name} is a valid context name: lower-case, as image names are. */
  static boolean validName(String name) {
    return name.matches("[a-z0-9][a-z0-9._-]*");
  }
}
