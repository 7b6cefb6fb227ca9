package dev.osimages.engine.export.tar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One raw 512-byte tar header (ustar layout; GNU and star number encodings). */
record TarHeader(
    String name,
    int mode,
    long uid,
    long gid,
    long size,
    long mtime,
    char typeflag,
    String linkName,
    String uname,
    String gname,
    int devMajor,
    int devMinor) {

  /** Parses a header block; null for an all-zero block (end of archive). */
  static TarHeader parse(byte[] b, long at) throws IOException {
    boolean zero = true;
    for (byte x : b) {
      zero &= x == 0;
    }
    if (zero) {
      return null;
    }
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += i >= 148 && i < 156 ? ' ' : b[i] & 0xFF;
    }
    if (sum != number(b, 148, 8, at)) {
      throw new IOException("tar header checksum mismatch at byte " + at + " (not a tar stream?)");
    }
    String name = str(b, 0, 100);
    boolean ustar = str(b, 257, 6).equals("ustar") && b[262] == 0;
    if (ustar && b[345] != 0) {
      name = str(b, 345, 155) + "/" + name;
    }
    return new TarHeader(
        name,
        (int) number(b, 100, 8, at),
        number(b, 108, 8, at),
        number(b, 116, 8, at),
        number(b, 124, 12, at),
        number(b, 136, 12, at),
        (char) (b[156] == 0 ? '0' : b[156]),
        str(b, 157, 100),
        str(b, 265, 32),
        str(b, 297, 32),
        (int) number(b, 329, 8, at),
        (int) number(b, 337, 8, at));
  }

  /** The member this header (with its pax records and GNU long names) describes. */
  static TarEntry toEntry(
      TarHeader h, Map<String, byte[]> pax, String longName, String longLink, long at)
      throws IOException {
    TarEntry.Type type =
        switch (h.typeflag()) {
          case '0', '7' -> TarEntry.Type.FILE;
          case '1' -> TarEntry.Type.HARDLINK;
          case '2' -> TarEntry.Type.SYMLINK;
          case '3' -> TarEntry.Type.CHAR_DEVICE;
          case '4' -> TarEntry.Type.BLOCK_DEVICE;
          case '5' -> TarEntry.Type.DIRECTORY;
          case '6' -> TarEntry.Type.FIFO;
          default ->
              throw new IOException(
                  "tar member at byte "
                      + at
                      + ": unsupported type '"
                      + h.typeflag()
                      + "' (sparse or vendor)");
        };
    if (pax.keySet().stream().anyMatch(k -> k.startsWith("GNU.sparse"))) {
      throw new IOException("tar member at byte " + at + ": sparse files are not supported");
    }
    String raw = PaxRecords.text(pax, "path", longName != null ? longName : h.name());
    if (type == TarEntry.Type.FILE && raw.endsWith("/")) {
      type = TarEntry.Type.DIRECTORY;
    }
    String name = member(raw, type == TarEntry.Type.DIRECTORY, at);
    String link = PaxRecords.text(pax, "linkpath", longLink != null ? longLink : h.linkName());
    if (type == TarEntry.Type.HARDLINK) {
      link = member(link, false, at);
    }
    long size = type == TarEntry.Type.FILE ? PaxRecords.size(pax, h.size()) : 0;
    return new TarEntry(
        name,
        type,
        h.mode() & 07777,
        PaxRecords.number(pax, "uid", h.uid()),
        PaxRecords.number(pax, "gid", h.gid()),
        PaxRecords.text(pax, "uname", h.uname()),
        PaxRecords.text(pax, "gname", h.gname()),
        PaxRecords.number(pax, "mtime", h.mtime()),
        size,
        type == TarEntry.Type.SYMLINK || type == TarEntry.Type.HARDLINK ? link : "",
        h.devMajor(),
        h.devMinor(),
        TarStreamReader.xattrs(pax));
  }

  /** "etc/passwd", "/etc/passwd" or "./etc/passwd" to "./etc/passwd"; refuses "..". */
  private static String member(String raw, boolean dir, long at) throws IOException {
    String p = TarNames.imagePath(raw);
    if (!TarNames.isContained(p)) {
      throw new IOException("tar member at byte " + at + ": '" + raw + "' leaves the image root");
    }
    return TarNames.member(p, dir);
  }

  private static String str(byte[] b, int off, int len) {
    int n = 0;
    while (n < len && b[off + n] != 0) {
      n++;
    }
    return new String(b, off, n, StandardCharsets.UTF_8);
  }

  /** Octal (NUL or space terminated) or base-256 (high bit of the first byte set). */
  private static long number(byte[] b, int off, int len, long at) throws IOException {
    if ((b[off] & 0x80) != 0) {
      long v = b[off] & 0x7F;
      for (int i = 1; i < len; i++) {
        v = (v << 8) | (b[off + i] & 0xFF);
      }
      return v;
    }
    String s = new String(b, off, len, StandardCharsets.US_ASCII).replace('\0', ' ').trim();
    if (s.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(s, 8);
    } catch (NumberFormatException e) {
      throw new IOException("tar header at byte " + at + ": bad number '" + s + "'", e);
    }
  }
}
