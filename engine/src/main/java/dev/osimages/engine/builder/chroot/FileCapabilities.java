package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.host.HostCommand;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * File capabilities ({@code security.capability}) under a tree, read with getfattr and set with
 * setfattr: Java cannot read that namespace, and the kernel drops the attribute whenever a file's
 * owner changes, so a copy that changes owners puts them back afterwards, as BuildKit sets extended
 * attributes after the owner.
 */
final class FileCapabilities {
  private static final String NAME = "security.capability";
  private final Map<Path, String> values;

  private FileCapabilities(Map<Path, String> values) {
    this.values = values;
  }

  /** Every file under {@code root} (or {@code root} itself) that has capabilities. */
  static FileCapabilities under(Path root) {
    String out =
        HostCommand.output(
            List.of(
                "getfattr",
                "--absolute-names",
                "--no-dereference",
                "--recursive",
                "--dump",
                "--match=^security\\.capability$",
                "--encoding=hex",
                root.toString()));
    Map<Path, String> found = new HashMap<>();
    Path file = null;
    for (String line : out.split("\n")) {
      if (line.startsWith("# file: ")) {
        file = Path.of(unquote(line.substring("# file: ".length())));
      } else if (file != null && line.startsWith(NAME + "=")) {
        found.put(file, line.substring(NAME.length() + 1));
      }
    }
    return new FileCapabilities(found);
  }

  /** Sets on {@code target} the capabilities {@code source} had, if any. */
  void restore(Path source, Path target) {
    String v = values.get(source);
    if (v != null) {
      HostCommand.output(
          List.of("setfattr", "--no-dereference", "-n", NAME, "-v", v, target.toString()));
    }
  }

  /** getfattr writes unusual bytes of a name as backslash and three octal digits. */
  private static String unquote(String s) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '\\' && isOctal(in, i + 1)) {
        b.write(Integer.parseInt(new String(in, i + 1, 3, StandardCharsets.US_ASCII), 8));
        i += 3;
      } else {
        b.write(in[i]);
      }
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  private static boolean isOctal(byte[] in, int from) {
    for (int i = from; i < from + 3; i++) {
      if (i >= in.length || in[i] < '0' || in[i] > '7') {
        return false;
      }
    }
    return true;
  }
}
