package dev.osimages.engine.declaration;

import dev.osimages.engine.model.SourcePosition;
import java.util.List;
import java.util.Optional;

/**
 * A YAML node after loading: a mapping, a list or a scalar, each with where it was written. This is
 * the loader's own tree so that snakeyaml's node types stay inside the loader, and so that mapping
 * keys keep their file order and their own positions (messages about a key point at the key).
 */
sealed interface YamlValue {

  /** Where the node starts. */
  SourcePosition position();

  /** How messages name the kind of node: "a mapping", "a list", "the number 12", ... */
  String describe();

  /** A mapping; keys are the source text of scalar keys, unique, in file order. */
  record Mapping(List<Entry> entries, SourcePosition position) implements YamlValue {
    public Mapping {
      entries = List.copyOf(entries);
    }

    /** The entry with this key, if present. */
    Optional<Entry> entry(String key) {
      return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    /** The value under this key, if present. */
    Optional<YamlValue> get(String key) {
      return entry(key).map(Entry::value);
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** One key of a mapping with the position of the key itself. */
  record Entry(String key, SourcePosition keyPosition, YamlValue value) {}

  /** A sequence. */
  record Sequence(List<YamlValue> items, SourcePosition position) implements YamlValue {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /**
   * A scalar: its typed value ({@code String}, {@code Long}, {@code Double}, {@code Boolean}, or
   * {@code null}) and the text as written, which messages quote.
   */
  record Scalar(Object value, String text, SourcePosition position) implements YamlValue {
    @Override
    public String describe() {
      if (value == null) {
        return "nothing (null)";
      }
      if (value instanceof Boolean) {
        return "the boolean " + text;
      }
      if (value instanceof Number) {
        return "the number " + text;
      }
      return "the string \"" + text + "\"";
    }
  }
}
