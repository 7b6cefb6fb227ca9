package dev.osimages.engine.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One {@code RUN --mount=...} with BuildKit's options and defaults: {@code type} (default bind),
 * {@code from}, {@code source}/{@code src}, {@code target}/{@code dst}/{@code destination}, {@code
 * ro}/{@code readonly} and {@code rw}/{@code readwrite} (bind and secret read-only, cache and tmpfs
 * writable by default), {@code id}, {@code sharing} (cache: shared, private, locked), {@code
 * mode}/{@code uid}/{@code gid} (cache and secret), {@code required} (secret), {@code size}
 * (tmpfs), {@code env} (secret). A secret's id defaults to its target's file name and its target to
 * {@code /run/secrets/<id>} unless it is only an environment variable; a cache's id defaults to its
 * target.
 */
public record RunMount(
    Type type,
    String from,
    String source,
    String target,
    boolean readOnly,
    String id,
    Sharing sharing,
    Optional<Integer> mode,
    Optional<Integer> uid,
    Optional<Integer> gid,
    boolean required,
    long size,
    Optional<String> env) {

  /** The mount types BuildKit knows; {@link #SSH} is refused by this engine. */
  public enum Type {
    BIND,
    CACHE,
    TMPFS,
    SECRET,
    SSH
  }

  /** How concurrent builds share a cache mount. */
  public enum Sharing {
    SHARED,
    PRIVATE,
    LOCKED
  }

  /**
   * Parses the flag's value. {@code expand} substitutes variables in a value; when it returns null
   * (parse time, before the values in effect are known) the value is only checked later.
   *
   * @throws IllegalArgumentException naming the offending field
   */
  public static RunMount parse(String spec, UnaryOperator<String> expand) {
    return new RunMountParser(expand).parse(spec);
  }

  /** The option text without secrets or host paths, as cache keys and messages use it. */
  public String describe() {
    StringBuilder s = new StringBuilder("type=" + type.name().toLowerCase(Locale.ROOT));
    if (!from.isEmpty()) {
      s.append(",from=").append(from);
    }
    if (!source.isEmpty()) {
      s.append(",source=").append(source);
    }
    if (!target.isEmpty()) {
      s.append(",target=").append(target);
    }
    if (!id.isEmpty()) {
      s.append(",id=").append(id);
    }
    s.append(readOnly ? ",ro" : ",rw");
    if (type == Type.CACHE) {
      s.append(",sharing=").append(sharing.name().toLowerCase(Locale.ROOT));
    }
    mode.ifPresent(m -> s.append(",mode=").append(Integer.toOctalString(m)));
    uid.ifPresent(u -> s.append(",uid=").append(u));
    gid.ifPresent(g -> s.append(",gid=").append(g));
    if (required) {
      s.append(",required");
    }
    if (size > 0) {
      s.append(",size=").append(size);
    }
    env.ifPresent(e -> s.append(",env=").append(e));
    return s.toString();
  }

  /** CSV fields as BuildKit reads them: commas split, double quotes group, "" is a quote. */
  static List<String> fields(String spec) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < spec.length(); i++) {
      char c = spec.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < spec.length() && spec.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quote in --mount=" + spec);
    }
    out.add(cur.toString());
    return out;
  }
}
