package dev.osimages.engine.export.tar;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes {@link TarEntry} members as a POSIX (pax) tar with commons-compress. The pax extended
 * header of each member is built here, byte by byte, because commons-compress encodes pax values as
 * UTF-8 text and would mangle binary xattr values such as {@code security.capability}; GNU tar
 * writes and reads {@code SCHILY.xattr.*} values as raw bytes, and so do we. The output depends
 * only on the entries: no clock, no host user database.
 */
public final class PaxTarWriter implements AutoCloseable {
  // commons-compress wants names strictly shorter than the 100-byte field.
  private static final int NAME_MAX = 99;
  private static final int UNAME_MAX = 31;
  private static final byte[] BUFFER_INIT = new byte[0];

  private final TarArchiveOutputStream tar;
  private byte[] buffer = BUFFER_INIT;

  public PaxTarWriter(OutputStream out) {
    this.tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_ERROR);
    // Numbers beyond octal fields (files over 8 GiB, huge uids) use the base-256 encoding
    // GNU tar reads; commons-compress's POSIX mode would add its own, second pax header.
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
    tar.setAddPaxHeadersForNonAsciiNames(false);
  }

  /**
   * Writes one member; for regular files exactly {@code entry.size()} bytes are read from {@code
   * content}.
   */
  public void write(TarEntry entry, InputStream content) throws IOException {
    byte[] pax = paxRecords(entry);
    if (pax.length > 0) {
      TarArchiveEntry x =
          new TarArchiveEntry(
              headerName("./PaxHeaders/" + baseName(entry.name())),
              TarConstants.LF_PAX_EXTENDED_HEADER_LC);
      x.setMode(0644);
      x.setModTime(FileTime.from(entry.mtime(), TimeUnit.SECONDS));
      x.setSize(pax.length);
      tar.putArchiveEntry(x);
      tar.write(pax);
      tar.closeArchiveEntry();
    }
    tar.putArchiveEntry(header(entry));
    if (entry.type() == TarEntry.Type.FILE && entry.size() > 0) {
      copy(content, entry.size(), entry.name());
    }
    tar.closeArchiveEntry();
  }

  private TarArchiveEntry header(TarEntry e) {
    TarArchiveEntry t = new TarArchiveEntry(headerName(e.name()), typeFlag(e.type()), true);
    t.setMode(e.mode() & 07777);
    t.setUserId(e.uid());
    t.setGroupId(e.gid());
    t.setUserName(truncate(e.uname(), UNAME_MAX));
    t.setGroupName(truncate(e.gname(), UNAME_MAX));
    t.setModTime(FileTime.from(e.mtime(), TimeUnit.SECONDS));
    t.setSize(e.type() == TarEntry.Type.FILE ? e.size() : 0);
    if (!e.linkTarget().isEmpty()) {
      t.setLinkName(headerName(e.linkTarget()));
    }
    if (e.type() == TarEntry.Type.CHAR_DEVICE || e.type() == TarEntry.Type.BLOCK_DEVICE) {
      t.setDevMajor(e.devMajor());
      t.setDevMinor(e.devMinor());
    }
    return t;
  }

  /** The pax records this member needs, sorted by keyword; empty when the ustar header suffices. */
  static byte[] paxRecords(TarEntry e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> x : e.xattrs().entrySet()) {
      record(out, "SCHILY.xattr." + x.getKey(), x.getValue());
    }
    if (!fitsHeader(e.gname(), UNAME_MAX)) {
      record(out, "gname", utf8(e.gname()));
    }
    if (!fitsHeader(e.linkTarget(), NAME_MAX)) {
      record(out, "linkpath", utf8(e.linkTarget()));
    }
    if (!fitsHeader(e.name(), NAME_MAX)) {
      record(out, "path", utf8(e.name()));
    }
    if (!fitsHeader(e.uname(), UNAME_MAX)) {
      record(out, "uname", utf8(e.uname()));
    }
    return out.toByteArray();
  }

  /** One "LEN key=value\n" record; LEN counts its own digits. */
  private static void record(ByteArrayOutputStream out, String key, byte[] value) {
    byte[] k = utf8(key);
    int body = k.length + value.length + 3; // space, '=', newline
    int len = body + Integer.toString(body).length();
    if (Integer.toString(len).length() != Integer.toString(body).length()) {
      len++;
    }
    out.writeBytes(utf8(Integer.toString(len)));
    out.write(' ');
    out.writeBytes(k);
    out.write('=');
    out.writeBytes(value);
    out.write('\n');
  }

  private static boolean fitsHeader(String s, int max) {
    return s.length() <= max && isAscii(s);
  }

  /** A plain loop: this runs several times per member, tens of thousands of times an export. */
  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0 || c >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** A header field for a name carried by a pax record: ASCII, within the field's size. */
  private static String headerName(String name) {
    if (fitsHeader(name, NAME_MAX)) {
      return name;
    }
    String ascii = name.replaceAll("[^\\x01-\\x7f]", "_");
    return ascii.length() <= NAME_MAX ? ascii : ascii.substring(ascii.length() - NAME_MAX);
  }

  private static String truncate(String s, int max) {
    String ascii = isAscii(s) ? s : s.replaceAll("[^\\x01-\\x7f]", "_");
    return ascii.length() <= max ? ascii : ascii.substring(0, max);
  }

  private static String baseName(String name) {
    String n = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    return n.substring(n.lastIndexOf('/') + 1);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte typeFlag(TarEntry.Type type) {
    return switch (type) {
      case FILE -> TarConstants.LF_NORMAL;
      case DIRECTORY -> TarConstants.LF_DIR;
      case SYMLINK -> TarConstants.LF_SYMLINK;
      case HARDLINK -> TarConstants.LF_LINK;
      case CHAR_DEVICE -> TarConstants.LF_CHR;
      case BLOCK_DEVICE -> TarConstants.LF_BLK;
      case FIFO -> TarConstants.LF_FIFO;
    };
  }

  private void copy(InputStream in, long size, String name) throws IOException {
    if (buffer.length == 0) {
      buffer = new byte[256 * 1024];
    }
    long left = size;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException(name + ": file shrank while it was archived");
      }
      tar.write(buffer, 0, n);
      left -= n;
    }
  }

  /** Writes the end-of-archive records; does not close the underlying stream. */
  public void finish() throws IOException {
    tar.finish();
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
