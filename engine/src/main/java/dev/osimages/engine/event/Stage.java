package dev.osimages.engine.event;

import java.util.Locale;

/**
 * The four stages a cell goes through in {@code engine run}, in order. Each emits a {@link
 * StageStarted} and a {@link StageFinished}; {@link #toString()} is the lower-case word printed.
 */
public enum Stage {
  BUILD,
  EXPORT,
  VERIFY,
  PUBLISH;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
