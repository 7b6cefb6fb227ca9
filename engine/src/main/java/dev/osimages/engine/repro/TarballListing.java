package dev.osimages.engine.repro;

import dev.osimages.engine.export.lz4.Lz4FrameReader;
import dev.osimages.engine.export.tar.TarEntry;
import dev.osimages.engine.export.tar.TarStreamReader;
import dev.osimages.engine.host.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an image tarball ({@code img.tar.lz4} or a plain tar) into its members in archive order,
 * digesting each regular file's content on the way: nothing is unpacked to disk.
 */
public final class TarballListing {
  private TarballListing() {}

  /** The members of {@code tarball}, in the order the archive holds them. */
  public static List<Member> of(Path tarball) {
    List<Member> out = new ArrayList<>();
    try (InputStream in = Lz4FrameReader.openTar(tarball)) {
      TarStreamReader r = new TarStreamReader(in);
      byte[] buf = new byte[1 << 16];
      for (TarEntry e = r.next(); e != null; e = r.next()) {
        String sha = "";
        if (e.type() == TarEntry.Type.FILE) {
          MessageDigest md = Digests.sha256();
          InputStream c = r.content();
          for (int n = c.read(buf); n >= 0; n = c.read(buf)) {
            md.update(buf, 0, n);
          }
          sha = HexFormat.of().formatHex(md.digest());
        }
        out.add(member(e, sha));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + tarball + ": " + e.getMessage(), e);
    }
    return out;
  }

  static Member member(TarEntry e, String sha) {
    Map<String, String> x = new LinkedHashMap<>();
    e.xattrs().forEach((k, v) -> x.put(k, HexFormat.of().formatHex(Digests.sha256().digest(v))));
    String link =
        switch (e.type()) {
          case SYMLINK, HARDLINK -> e.linkTarget();
          case CHAR_DEVICE, BLOCK_DEVICE -> e.devMajor() + "," + e.devMinor();
          default -> "";
        };
    return new Member(
        e.name(),
        e.type().name().toLowerCase(Locale.ROOT).replace('_', ' '),
        e.mode(),
        e.uid() + ":" + e.gid() + " (" + e.uname() + ":" + e.gname() + ")",
        e.size(),
        sha,
        link,
        x,
        e.mtime());
  }
}
