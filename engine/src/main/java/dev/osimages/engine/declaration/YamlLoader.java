package dev.osimages.engine.declaration;

import dev.osimages.engine.InvalidDeclarationException;
import dev.osimages.engine.model.Problem;
import dev.osimages.engine.model.SourcePosition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads YAML text into a {@link YamlValue} tree with positions, using snakeyaml's node API (never
 * its object construction, so no class is ever instantiated from the file). Rejects, with the place
 * named: syntax errors, tabs in indentation, duplicate keys (both places named), undefined or
 * recursive aliases, merge keys, non-scalar keys, unknown tags, more than one document, and what
 * {@link YamlLimits} bounds (nesting, alias bombs).
 */
final class YamlLoader {
  private static final Set<Tag> STANDARD = Set.of(Tag.SEQ, Tag.MAP);

  private final String file;
  private final List<Problem> problems = new ArrayList<>();
  private final List<Problem> duplicates = new ArrayList<>();
  private final Set<Node> active = Collections.newSetFromMap(new IdentityHashMap<>());

  private YamlLoader(String file) {
    this.file = file;
  }

  /** A loaded tree and the problems that did not stop loading (duplicate keys). */
  record Result(YamlValue root, List<Problem> duplicates) {}

  /**
   * Loads one YAML document.
   *
   * @param file the file name as the operator gave it, for messages
   * @return the root node, never null
   * @throws InvalidDeclarationException with every problem found
   */
  static YamlValue load(String text, String file) {
    Result result = loadKeepingDuplicates(text, file);
    if (!result.duplicates().isEmpty()) {
      throw new InvalidDeclarationException(result.duplicates());
    }
    return result.root();
  }

  /**
   * Loads one YAML document; duplicate keys do not stop it (the first definition is kept and the
   * duplicates returned), so the schema check can still run and report everything at once.
   *
   * @throws InvalidDeclarationException with every problem found when the tree is not usable
   */
  static Result loadKeepingDuplicates(String text, String file) {
    YamlLoader loader = new YamlLoader(file);
    YamlValue root = loader.parse(text);
    if (!loader.problems.isEmpty()) {
      List<Problem> all = new ArrayList<>(loader.problems);
      all.addAll(loader.duplicates);
      throw new InvalidDeclarationException(all);
    }
    return new Result(root, loader.duplicates);
  }

  private YamlValue parse(String text) {
    Tabs.check(text, file, problems);
    if (problems.isEmpty()) {
      YamlLimits.check(text, file).ifPresent(problems::add);
    }
    if (!problems.isEmpty()) {
      return null;
    }
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // checked below, naming both places
    options.setAllowRecursiveKeys(false);
    // YamlLimits has bounded what aliases expand to, which is what costs; their number does not.
    options.setMaxAliasesForCollections(Integer.MAX_VALUE);
    Node node;
    try {
      var parser = new ParserImpl(new StreamReader(text), options);
      node = new Composer(parser, new PlainScalarResolver(), options).getSingleNode();
    } catch (MarkedYAMLException e) {
      problems.add(Problem.error(at(e.getProblemMark()), "", SyntaxMessages.of(e, this::at)));
      return null;
    } catch (ReaderException e) {
      String msg = String.format("character U+%04X is not allowed in YAML", e.getCodePoint());
      problems.add(Problem.error(Tabs.positionOf(text, e.getPosition(), file), "", msg));
      return null;
    } catch (YAMLException e) {
      problems.add(Problem.error(SourcePosition.unknown(file), "", e.getMessage()));
      return null;
    }
    if (node == null) {
      problems.add(
          Problem.error(
              SourcePosition.unknown(file),
              "",
              "the file has no content; expected a mapping with output and distros"));
      return null;
    }
    return convert(node, NodePath.ROOT);
  }

  private YamlValue convert(Node node, NodePath path) {
    if (!active.add(node)) {
      problems.add(
          Problem.error(
              at(node.getStartMark()), path.dotted(), "recursive alias: contains itself"));
      return new YamlValue.Scalar(null, "", at(node.getStartMark()));
    }
    try {
      if (!(node instanceof ScalarNode) && !STANDARD.contains(node.getTag())) {
        String tag = SyntaxMessages.shortTag(node.getTag().getValue());
        problems.add(
            Problem.error(
                at(node.getStartMark()), path.dotted(), "tag " + tag + " is not supported"));
      }
      if (node instanceof ScalarNode scalar) {
        return scalar(scalar, path);
      } else if (node instanceof SequenceNode seq) {
        List<YamlValue> items = new ArrayList<>();
        for (Node item : seq.getValue()) {
          items.add(convert(item, path.index(items.size())));
        }
        return new YamlValue.Sequence(items, at(node.getStartMark()));
      } else {
        return mapping((MappingNode) node, path);
      }
    } finally {
      active.remove(node);
    }
  }

  private YamlValue mapping(MappingNode node, NodePath path) {
    List<YamlValue.Entry> entries = new ArrayList<>();
    Map<String, SourcePosition> seen = new HashMap<>();
    for (NodeTuple tuple : node.getValue()) {
      Node keyNode = tuple.getKeyNode();
      SourcePosition keyPos = at(keyNode.getStartMark());
      if (!(keyNode instanceof ScalarNode keyScalar)) {
        problems.add(Problem.error(keyPos, path.dotted(), "a key must be plain text"));
        continue;
      }
      String key = keyScalar.getValue();
      if (keyScalar.isPlain() && key.equals("<<")) {
        problems.add(
            Problem.error(
                keyPos, path.dotted(), "merge keys (<<) are not supported; write the keys out"));
        continue;
      }
      SourcePosition first = seen.putIfAbsent(key, keyPos);
      if (first != null) {
        duplicates.add(
            Problem.error(
                keyPos,
                path.dotted(),
                "duplicate key '"
                    + key
                    + "' (first at "
                    + first.line()
                    + ":"
                    + first.column()
                    + ")"));
        continue;
      }
      entries.add(new YamlValue.Entry(key, keyPos, convert(tuple.getValueNode(), path.key(key))));
    }
    return new YamlValue.Mapping(entries, at(node.getStartMark()));
  }

  private YamlValue scalar(ScalarNode node, NodePath path) {
    SourcePosition pos = at(node.getStartMark());
    String text = node.getValue();
    String tag = node.getTag().getValue();
    if (tag.equals(PlainScalarResolver.PLAIN.getValue())) {
      return new YamlValue.Scalar(ScalarTypes.plain(text), text, pos);
    }
    if (tag.equals(Tag.STR.getValue())) {
      return new YamlValue.Scalar(text, text, pos);
    }
    problems.add(
        Problem.error(
            pos, path.dotted(), "tag " + SyntaxMessages.shortTag(tag) + " is not supported"));
    return new YamlValue.Scalar(text, text, pos);
  }

  private SourcePosition at(Mark mark) {
    return mark == null
        ? SourcePosition.unknown(file)
        : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
  }
}
