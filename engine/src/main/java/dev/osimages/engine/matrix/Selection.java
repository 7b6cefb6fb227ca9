package dev.osimages.engine.matrix;

import dev.osimages.engine.declaration.CellGlob;
import java.util.List;

/**
 * Which cells a command works on: those matching any {@code --only} glob (all when none is given)
 * and no {@code --except} glob.
 */
public record Selection(List<CellGlob> only, List<CellGlob> except) {
  public static final Selection ALL = new Selection(List.of(), List.of());

  public Selection {
    only = List.copyOf(only);
    except = List.copyOf(except);
  }

  /** Builds a selection from the command line's glob strings (either list may be empty). */
  public static Selection of(List<String> only, List<String> except) {
    return new Selection(
        only.stream().map(CellGlob::of).toList(), except.stream().map(CellGlob::of).toList());
  }

  /** Whether the cell with this id is selected. */
  public boolean includes(String id) {
    boolean in = only.isEmpty() || only.stream().anyMatch(g -> g.matches(id));
    return in && except.stream().noneMatch(g -> g.matches(id));
  }

  /** The {@code --only} globs that match none of {@code ids} (likely typos worth reporting). */
  public List<String> unmatched(List<String> ids) {
    return only.stream()
        .filter(g -> ids.stream().noneMatch(g::matches))
        .map(CellGlob::toString)
        .toList();
  }
}
