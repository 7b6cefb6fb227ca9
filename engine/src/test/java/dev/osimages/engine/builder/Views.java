package dev.osimages.engine.builder;

import dev.osimages.engine.host.LayerView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test access to a build result's root filesystem: a {@link LayerView} kept open until {@link
 * #closeAll} (tests call it after each test; views left open are unmounted when the JVM ends).
 */
public final class Views {
  private static final Map<List<Path>, LayerView> OPEN = new HashMap<>();
  private static Path tmp;

  private Views() {}

  /** The merged root filesystem of {@code r}, readable until {@link #closeAll}. */
  public static synchronized Path root(BuildResult r) {
    return OPEN.computeIfAbsent(r.layers(), l -> r.view(dir())).root();
  }

  /** Unmounts every view {@link #root} opened. */
  public static synchronized void closeAll() {
    OPEN.values().forEach(LayerView::close);
    OPEN.clear();
  }

  private static Path dir() {
    try {
      if (tmp == null) {
        tmp = Files.createTempDirectory("engine-test-views-");
      }
      return tmp;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
