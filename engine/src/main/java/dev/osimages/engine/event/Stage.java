package dev.osimages.engine.event;

import java.util.Locale;

/**
 * The stages a cell goes through in {@code engine run}, in order (push only with {@code --push}).
 * Each emits a {@link StageStarted} and a {@link StageFinished}; {@link #toString()} is the
 * lower-case word printed.
 */
public enum Stage {
  BUILD,
  EXPORT,
  VERIFY,
  PUBLISH,
  /** {@code engine push} and {@code run --push}: the layer made from the set, then the upload. */
  PUSH;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
