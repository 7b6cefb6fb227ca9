package dev.osimages.engine.declaration;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A place in the declaration's tree, as keys and list indexes. Printed dotted for messages and
 * {@link dev.osimages.engine.model.SourceMap} keys ({@code distros.debian.versions."13".args},
 * {@code tests[1].images[0]}); keys that are not simple names are quoted. Public so that later
 * stages look positions up with exactly the spelling the source map uses.
 */
public record NodePath(List<Object> segments) {
  private static final Pattern SIMPLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  /** The document root; prints as the empty string. */
  public static final NodePath ROOT = new NodePath(List.of());

  public NodePath {
    segments = List.copyOf(segments);
  }

  /** The path of the given segments under the root: strings are keys, integers list indexes. */
  public static NodePath of(Object... segments) {
    NodePath path = ROOT;
    for (Object s : segments) {
      path = s instanceof Integer i ? path.index(i) : path.key((String) s);
    }
    return path;
  }

  /** The path of the value under {@code key} of this mapping. */
  public NodePath key(String key) {
    return append(key);
  }

  /** The path of item {@code i} of this list. */
  public NodePath index(int i) {
    return append(i);
  }

  private NodePath append(Object segment) {
    List<Object> next = new ArrayList<>(segments);
    next.add(segment);
    return new NodePath(next);
  }

  /** Parses a JSON pointer as everit reports it ({@code #/distros/debian}). */
  static NodePath fromPointer(String pointer, YamlValue root) {
    String p = pointer.startsWith("#") ? pointer.substring(1) : pointer;
    List<Object> segments = new ArrayList<>();
    YamlValue node = root;
    for (String raw : p.isEmpty() ? new String[0] : p.substring(1).split("/", -1)) {
      String key = raw.replace("~1", "/").replace("~0", "~");
      if (node instanceof YamlValue.Sequence seq) {
        int i = Integer.parseInt(key);
        segments.add(i);
        node = i < seq.items().size() ? seq.items().get(i) : null;
      } else {
        segments.add(key);
        node = node instanceof YamlValue.Mapping m ? m.get(key).orElse(null) : null;
      }
    }
    return new NodePath(segments);
  }

  /** The node at this path under {@code root}, or null when there is none. */
  YamlValue find(YamlValue root) {
    YamlValue node = root;
    for (Object s : segments) {
      if (s instanceof Integer i && node instanceof YamlValue.Sequence seq) {
        node = i < seq.items().size() ? seq.items().get(i) : null;
      } else if (s instanceof String k && node instanceof YamlValue.Mapping m) {
        node = m.get(k).orElse(null);
      } else {
        return null;
      }
    }
    return node;
  }

  /** The dotted form messages print and {@code SourceMap} keys use. */
  public String dotted() {
    StringBuilder sb = new StringBuilder();
    for (Object s : segments) {
      if (s instanceof Integer i) {
        sb.append('[').append(i).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(quoteIfNeeded((String) s));
      }
    }
    return sb.toString();
  }

  /** A key as a path prints it: bare when a simple name, else in double quotes. */
  public static String quoteIfNeeded(String key) {
    if (SIMPLE.matcher(key).matches()) {
      return key;
    }
    return '"' + key.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  @Override
  public String toString() {
    return dotted();
  }
}
