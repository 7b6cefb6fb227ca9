package dev.osimages.engine.verify.gossfile;

import dev.osimages.engine.declaration.YamlLimits;
import dev.osimages.engine.files.Utf8Text;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads YAML with snakeyaml's node API and converts it to plain data the way goss's yaml.v3 does
 * for untyped values: only true/false are bools (yes/no stay strings), integers parse with Go's
 * base prefixes so an unquoted 0644 is octal 420, and every mapping keeps its source line.
 * snakeyaml types stay inside this class.
 */
final class YamlData {
  /** A mapping entry with the line its key sits on. */
  record Entry(String key, Object value, int line) {}

  private YamlData() {}

  /** Reads a suite or vars file, which must be UTF-8 text; an error names the first bad byte. */
  static String readText(Path file) {
    try {
      return Utf8Text.decode(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new GossLoadException(file + ": cannot read: " + e.getMessage(), e);
    } catch (Utf8Text.Malformed e) {
      throw new GossLoadException(file + ":" + e.line() + ":" + e.column() + ": " + e.getMessage());
    }
  }

  /** Parses a document into top-level entries (empty for an empty document). */
  static List<Entry> topLevel(String file, String text) {
    YamlLimits.check(text, file)
        .ifPresent(
            p -> {
              throw new GossLoadException(p.position() + ": " + p.message());
            });
    LoaderOptions options = new LoaderOptions();
    // YamlLimits has bounded what aliases expand to, which is what costs; their number does not.
    options.setMaxAliasesForCollections(Integer.MAX_VALUE);
    Node root;
    try {
      root = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new GossLoadException(file + ":" + line + ": YAML: " + e.getProblem());
    } catch (RuntimeException e) {
      throw new GossLoadException(file + ": YAML: " + e.getMessage(), e);
    }
    if (root == null) {
      return List.of();
    }
    if (!(root instanceof MappingNode m)) {
      throw new GossLoadException(file + ":" + line(root) + ": expected a mapping of resources");
    }
    return entries(m);
  }

  /** The entries of a mapping value (as produced by {@link #topLevel}), or an error. */
  static List<Entry> entries(String file, Entry e) {
    if (e.value() instanceof MappingNode m) {
      return entries(m);
    }
    if (e.value() instanceof ScalarNode s
        && s.getValue().isEmpty()
        && s.getTag().getValue().endsWith("null")) {
      return List.of();
    }
    throw new GossLoadException(file + ":" + e.line() + ": " + e.key() + ": expected a mapping");
  }

  /** Whether the entry's value is a YAML null (a resource with no body). */
  static boolean isNull(Entry e) {
    return e.value() instanceof ScalarNode s && data(s) == null;
  }

  private static List<Entry> entries(MappingNode m) {
    List<Entry> out = new ArrayList<>();
    for (NodeTuple t : merged(m)) {
      String key = String.valueOf(data(t.getKeyNode()));
      out.add(new Entry(key, t.getValueNode(), line(t.getKeyNode())));
    }
    return out;
  }

  /**
   * A mapping's entries with YAML merge keys ({@code <<: *anchor} or {@code <<: [*a, *b]}) resolved
   * as yaml.v3 does: the mapping's own keys win over merged ones, and of several merged mappings
   * the earlier one wins. Merged entries take the place of the merge key.
   */
  static List<NodeTuple> merged(MappingNode m) {
    java.util.Set<Object> own = new java.util.HashSet<>();
    for (NodeTuple t : m.getValue()) {
      if (!isMergeKey(t.getKeyNode())) {
        own.add(data(t.getKeyNode()));
      }
    }
    List<NodeTuple> out = new ArrayList<>();
    java.util.Set<Object> seen = new java.util.HashSet<>();
    for (NodeTuple t : m.getValue()) {
      if (!isMergeKey(t.getKeyNode())) {
        out.add(t);
        continue;
      }
      for (MappingNode source : mergeSources(t.getValueNode())) {
        for (NodeTuple inherited : merged(source)) {
          Object key = data(inherited.getKeyNode());
          if (!own.contains(key) && seen.add(key)) {
            out.add(inherited);
          }
        }
      }
    }
    return out;
  }

  private static boolean isMergeKey(Node key) {
    return key.getTag().equals(org.yaml.snakeyaml.nodes.Tag.MERGE);
  }

  private static List<MappingNode> mergeSources(Node value) {
    if (value instanceof MappingNode m) {
      return List.of(m);
    }
    List<MappingNode> out = new ArrayList<>();
    if (value instanceof SequenceNode seq) {
      for (Node n : seq.getValue()) {
        if (!(n instanceof MappingNode m)) {
          throw new GossLoadException(
              "line "
                  + line(n)
                  + ": YAML: map merge requires map or sequence of maps as the value");
        }
        out.add(m);
      }
      return out;
    }
    throw new BadMerge(line(value));
  }

  /** A merge key whose value is not a mapping or a list of mappings (yaml.v3's wording). */
  static final class BadMerge extends RuntimeException {
    final int line;

    BadMerge(int line) {
      super("YAML: map merge requires map or sequence of maps as the value");
      this.line = line;
    }

    GossLoadException in(String file) {
      return new GossLoadException(file + ":" + line + ": " + getMessage());
    }
  }

  /** Converts a node (the value of an entry) to plain data. */
  static Object data(Object node) {
    if (node instanceof ScalarNode s) {
      return s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
          ? plain(s.getValue())
          : s.getValue();
    }
    if (node instanceof SequenceNode seq) {
      List<Object> out = new ArrayList<>();
      seq.getValue().forEach(n -> out.add(data(n)));
      return out;
    }
    MappingNode m = (MappingNode) node;
    Map<String, Object> out = new LinkedHashMap<>();
    for (NodeTuple t : merged(m)) {
      out.put(String.valueOf(data(t.getKeyNode())), data(t.getValueNode()));
    }
    return out;
  }

  static int line(Object node) {
    return ((Node) node).getStartMark().getLine() + 1;
  }

  /** yaml.v3's resolution of a plain scalar into an untyped value. */
  static Object plain(String v) {
    switch (v) {
      case "", "~", "null", "Null", "NULL":
        return null;
      case "true", "True", "TRUE":
        return true;
      case "false", "False", "FALSE":
        return false;
      default:
        break;
    }
    Long i = GoInts.parse(v);
    if (i != null) {
      return i;
    }
    if (v.matches("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?")) {
      return Double.parseDouble(v);
    }
    return v;
  }
}
