package dev.osimages.engine.declaration;

import dev.osimages.engine.model.Problem;
import dev.osimages.engine.model.SourcePosition;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Bounds what a YAML text can cost before anything is built from it, and says where it goes too
 * far: nesting deeper than {@link #MAX_DEPTH} (aliases count with the depth of what they stand
 * for), and aliases that expand the document beyond {@link #MAX_VALUES} values ("billion laughs").
 * One pass over the parser's events, remembering each anchor's expanded size and depth, so a bomb
 * costs no more to check than its text. Every YAML reader of the engine runs this first; snakeyaml
 * types stay inside.
 */
public final class YamlLimits {
  /** Lists and mappings inside one another, aliases expanded: far more than any real file. */
  public static final int MAX_DEPTH = 50;

  /** Values (scalars, lists, mappings, keys) once aliases are expanded. */
  public static final int MAX_VALUES = 100_000;

  private record Size(long values, int depth) {}

  /** An open list or mapping: its anchor, values and deepest nesting so far. */
  private static final class Frame {
    final String anchor;
    long values = 1;
    int depth = 1;

    Frame(String anchor) {
      this.anchor = anchor;
    }
  }

  private final String file;
  private final Map<String, Size> anchors = new HashMap<>();
  private final Deque<Frame> open = new ArrayDeque<>();
  private long total;

  private YamlLimits(String file) {
    this.file = file;
  }

  /**
   * The first limit {@code text} exceeds, at the place it does, or empty. Text that does not parse
   * is left to the caller's loader, which reports it in its own words.
   */
  public static Optional<Problem> check(String text, String file) {
    try {
      ParserImpl parser = new ParserImpl(new StreamReader(text), new LoaderOptions());
      YamlLimits limits = new YamlLimits(file);
      while (parser.peekEvent() != null) {
        Optional<Problem> p = limits.on(parser.getEvent());
        if (p.isPresent()) {
          return p;
        }
      }
    } catch (YAMLException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private Optional<Problem> on(Event e) {
    if (e instanceof CollectionStartEvent c) {
      if (open.size() + 1 > MAX_DEPTH) {
        return tooDeep(c.getStartMark(), "");
      }
      open.push(new Frame(c.getAnchor()));
      return count(1, c.getStartMark(), "");
    }
    if (e instanceof CollectionEndEvent) {
      Frame done = open.pop();
      Size size = new Size(done.values, done.depth);
      if (done.anchor != null) {
        anchors.put(done.anchor, size);
      }
      add(size);
      return Optional.empty();
    }
    if (e instanceof ScalarEvent s) {
      if (s.getAnchor() != null) {
        anchors.put(s.getAnchor(), new Size(1, 0));
      }
      add(new Size(1, 0));
      return count(1, s.getStartMark(), "");
    }
    if (e instanceof AliasEvent a) {
      // An alias of an anchor still open is recursive: the loader reports that.
      Size size = anchors.getOrDefault(a.getAnchor(), new Size(1, 0));
      String alias = "*" + a.getAnchor();
      if (open.size() + size.depth() > MAX_DEPTH) {
        return tooDeep(a.getStartMark(), alias);
      }
      add(size);
      return count(size.values(), a.getStartMark(), alias);
    }
    return Optional.empty();
  }

  /** Adds a finished value to the list or mapping it is in. */
  private void add(Size size) {
    Frame parent = open.peek();
    if (parent != null) {
      parent.values += size.values();
      parent.depth = Math.max(parent.depth, size.depth() + 1);
    }
  }

  private Optional<Problem> count(long values, Mark at, String alias) {
    total += values;
    if (total <= MAX_VALUES) {
      return Optional.empty();
    }
    return problem(
        at,
        (alias.isEmpty() ? "the document has" : "the alias " + alias + " expands the document to")
            + " more than "
            + MAX_VALUES
            + " values"
            + (alias.isEmpty()
                ? ""
                : " (an alias bomb?); write the values out or use fewer aliases"));
  }

  private Optional<Problem> tooDeep(Mark at, String alias) {
    return problem(
        at,
        (alias.isEmpty()
                ? "lists and mappings are nested"
                : "the alias " + alias + " nests lists and mappings")
            + " more than "
            + MAX_DEPTH
            + " levels deep here; no file the engine reads needs that");
  }

  private Optional<Problem> problem(Mark at, String message) {
    SourcePosition where = new SourcePosition(file, at.getLine() + 1, at.getColumn() + 1);
    return Optional.of(Problem.error(where, "", message));
  }
}
