package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.builder.BuildContext;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where COPY and ADD read: the build context (files become root-owned, as in Docker) or another
 * stage's flattened root filesystem (ownership kept, as in Docker). Both answer patterns with real
 * paths that lie inside them.
 */
interface CopySource {
  /** The real files and directories matching {@code pattern}; empty when nothing matches. */
  List<Path> match(String pattern);

  /** True when copied entries keep their owner (stage sources). */
  boolean keepsOwner();

  /** How many names {@code pattern} matches (a directory merged from several roots is one). */
  default int names(String pattern) {
    return match(pattern).size();
  }

  /** The build context. */
  static CopySource context(BuildContext ctx) {
    return new CopySource() {
      @Override
      public List<Path> match(String pattern) {
        List<Path> out = new ArrayList<>();
        for (String rel : ctx.match(pattern)) {
          out.addAll(ctx.sources(rel));
        }
        return out;
      }

      @Override
      public boolean keepsOwner() {
        return false;
      }

      @Override
      public int names(String pattern) {
        return ctx.match(pattern).size();
      }
    };
  }

  /** A stage's root filesystem; symlinks in source paths resolve inside it. */
  static CopySource stage(Path rootfs) {
    LayerStack view = new LayerStack(List.of(rootfs));
    return new CopySource() {
      @Override
      public List<Path> match(String pattern) {
        String clean = pattern.replaceAll("/+$", "");
        int slash = clean.lastIndexOf('/');
        String last = clean.substring(slash + 1);
        if (!last.matches(".*[*?\\[].*")) {
          String r = view.resolve(clean, true);
          Path p = r.isEmpty() ? rootfs : rootfs.resolve(r);
          return Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? List.of(p) : List.of();
        }
        String parent = view.resolve(slash < 0 ? "" : clean.substring(0, slash), true);
        Pattern re = BuildContext.glob(last);
        List<Path> out = new ArrayList<>();
        for (String name : view.list(parent)) {
          if (re.matcher(name).matches()) {
            String r = view.resolve((parent.isEmpty() ? "" : parent + "/") + name, true);
            out.add(rootfs.resolve(r));
          }
        }
        return out;
      }

      @Override
      public boolean keepsOwner() {
        return true;
      }
    };
  }
}
