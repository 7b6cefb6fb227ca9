package dev.osimages.engine.export.tar;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a tar stream (ustar, pax and GNU long names, as docker export and GNU tar write them) into
 * {@link TarEntry} members, keeping pax xattr values as raw bytes. commons-compress's reader
 * decodes pax values as UTF-8 and so damages binary capabilities; the header layout is simple
 * enough to read here. Member names are normalised to "./" form and any name with a ".." component
 * is refused, so nothing in the stream can point outside the image.
 */
public final class TarStreamReader {
  private static final int BLOCK = 512;

  private final InputStream in;
  private final byte[] header = new byte[BLOCK];
  private final Map<String, byte[]> global = new HashMap<>();
  private long left;
  private long padding;
  private long offset;

  public TarStreamReader(InputStream in) {
    this.in = in;
  }

  /** The next member, or null at the end of the archive; skips what is left of the previous. */
  public TarEntry next() throws IOException {
    skipRest();
    Map<String, byte[]> pax = new HashMap<>(global);
    String longName = null;
    String longLink = null;
    while (true) {
      long at = offset;
      readBlock();
      TarHeader h = TarHeader.parse(header, at);
      if (h == null) {
        return null; // a zero block: end of archive
      }
      switch (h.typeflag()) {
        case 'x' -> pax.putAll(PaxRecords.parse(readData(h.size()), at));
        case 'g' -> {
          Map<String, byte[]> g = PaxRecords.parse(readData(h.size()), at);
          global.putAll(g);
          pax.putAll(g);
        }
        case 'L' -> longName = cString(readData(h.size()));
        case 'K' -> longLink = cString(readData(h.size()));
        default -> {
          TarEntry e = TarHeader.toEntry(h, pax, longName, longLink, at);
          left = e.type() == TarEntry.Type.FILE ? e.size() : dataSize(h, pax);
          padding = (BLOCK - left % BLOCK) % BLOCK;
          return e;
        }
      }
    }
  }

  /** The content of the member {@link #next} returned (only for regular files). */
  public InputStream content() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left == 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
          throw new EOFException("tar stream ends inside a member at byte " + offset);
        }
        left -= n;
        offset += n;
        return n;
      }
    };
  }

  private static long dataSize(TarHeader h, Map<String, byte[]> pax) {
    // Links and devices carry no data, but a header may still declare some; skip it.
    return h.typeflag() == '1' || h.typeflag() == '2' ? 0 : PaxRecords.size(pax, h.size());
  }

  private void skipRest() throws IOException {
    skip(left + padding);
    left = 0;
    padding = 0;
  }

  private void skip(long n) throws IOException {
    byte[] buf = new byte[8192];
    while (n > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n));
      if (r < 0) {
        throw new EOFException("tar stream truncated at byte " + offset);
      }
      n -= r;
      offset += r;
    }
  }

  private void readBlock() throws IOException {
    int n = in.readNBytes(header, 0, BLOCK);
    offset += n;
    if (n == 0) {
      // A stream cut short (a dying container export) must not pass for a complete image.
      throw new EOFException(
          "tar stream ends at byte " + offset + " without an end-of-archive marker (truncated?)");
    }
    if (n < BLOCK) {
      throw new EOFException("tar stream truncated in a header at byte " + offset);
    }
  }

  private byte[] readData(long size) throws IOException {
    if (size > 16 << 20) {
      throw new IOException("tar extended header of " + size + " bytes at byte " + offset);
    }
    byte[] data = in.readNBytes((int) size);
    if (data.length < size) {
      throw new EOFException("tar stream truncated in an extended header at byte " + offset);
    }
    offset += size;
    skip((BLOCK - size % BLOCK) % BLOCK);
    return data;
  }

  private static String cString(byte[] b) {
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** xattrs from pax records "SCHILY.xattr.NAME". */
  static Map<String, byte[]> xattrs(Map<String, byte[]> pax) {
    Map<String, byte[]> out = new TreeMap<>();
    pax.forEach(
        (k, v) -> {
          if (k.startsWith("SCHILY.xattr.")) {
            out.put(k.substring("SCHILY.xattr.".length()), v);
          }
        });
    return out;
  }
}
