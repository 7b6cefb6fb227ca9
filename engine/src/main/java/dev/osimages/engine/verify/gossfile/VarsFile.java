package dev.osimages.engine.verify.gossfile;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a {@code --vars} file: a YAML mapping that becomes the suite's .Vars. */
public final class VarsFile {
  private VarsFile() {}

  /** The variables in a YAML file; a load error (exit 78) when it is not a mapping. */
  public static Map<String, Object> load(Path file) {
    String text = YamlData.readText(file);
    Map<String, Object> vars = new LinkedHashMap<>();
    try {
      for (YamlData.Entry e : YamlData.topLevel(file.toString(), text)) {
        vars.put(e.key(), YamlData.data(e.value()));
      }
    } catch (YamlData.BadMerge e) {
      throw e.in(file.toString());
    }
    return vars;
  }
}
