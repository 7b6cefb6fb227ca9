package dev.osimages.engine.plan;

import dev.osimages.engine.matrix.BaseImages;
import dev.osimages.engine.model.Cell;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a cell's template sees: every resolved arg by name, plus the fields {@code id}, {@code os},
 * {@code version}, {@code distro}, {@code package_manager} and {@code base_image}.
 */
public final class RenderContexts {
  /** The field names templates may use besides the args. */
  public static final Set<String> FIELDS =
      Set.of("id", "os", "version", "distro", "package_manager", "base_image");

  private RenderContexts() {}

  /** The render context of {@code cell}; {@code cells} resolves its base by id. */
  public static Map<String, String> of(Cell cell, Map<String, Cell> cells) {
    Map<String, String> ctx = new TreeMap<>(cell.args());
    ctx.put("id", cell.id());
    ctx.put("os", cell.os());
    ctx.put("version", cell.version());
    ctx.put("distro", cell.distro());
    ctx.put("package_manager", cell.packageManager().yamlName());
    ctx.put("base_image", BaseImages.reference(cell, cells));
    return ctx;
  }
}
