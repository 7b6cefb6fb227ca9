package dev.osimages.engine.base;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks one public key, by fingerprint, out of a binary OpenPGP keyring (RFC 4880 / RFC 9580
 * packets): the key's packets from its public-key packet up to the next one, trust packets left
 * out. Only that key is then trusted, whatever else the keyring file holds. Version 4 keys (SHA-1
 * fingerprints, what every Debian-family archive signs with) and version 6 keys (SHA-256) are
 * recognised; anything malformed is refused rather than guessed at.
 */
final class OpenPgpKeys {
  private static final int PUBLIC_KEY = 6;
  private static final int TRUST = 12;

  private OpenPgpKeys() {}

  /** A packet: its tag and where its header and body lie in the keyring. */
  private record Packet(int tag, int start, int bodyStart, int end) {}

  /** The fingerprints of the primary keys in {@code keyring}, upper-case hex, in order. */
  static List<String> fingerprints(byte[] keyring) {
    List<String> out = new ArrayList<>();
    for (Packet p : packets(keyring)) {
      if (p.tag() == PUBLIC_KEY) {
        out.add(fingerprint(keyring, p));
      }
    }
    return out;
  }

  /** The packets of the primary key with {@code fingerprint}, or empty when there is none. */
  static Optional<byte[]> select(byte[] keyring, String fingerprint) {
    String wanted = fingerprint.toUpperCase(Locale.ROOT);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean inside = false;
    for (Packet p : packets(keyring)) {
      if (p.tag() == PUBLIC_KEY) {
        if (inside) {
          break;
        }
        inside = fingerprint(keyring, p).equals(wanted);
      }
      if (inside && p.tag() != TRUST) {
        out.write(keyring, p.start(), p.end() - p.start());
      }
    }
    return out.size() == 0 ? Optional.empty() : Optional.of(out.toByteArray());
  }

  private static String fingerprint(byte[] k, Packet p) {
    int length = p.end() - p.bodyStart();
    if (length < 1) {
      throw malformed("an empty public-key packet");
    }
    int version = k[p.bodyStart()] & 0xff;
    MessageDigest d;
    if (version == 4) {
      d = digest("SHA-1");
      d.update(new byte[] {(byte) 0x99, (byte) (length >> 8), (byte) length});
    } else if (version == 6) {
      d = digest("SHA-256");
      d.update(
          new byte[] {
            (byte) 0x9b,
            (byte) (length >>> 24),
            (byte) (length >> 16),
            (byte) (length >> 8),
            (byte) length
          });
    } else {
      return "V" + version + "-KEY-AT-" + p.start();
    }
    d.update(k, p.bodyStart(), length);
    return HexFormat.of().withUpperCase().formatHex(d.digest());
  }

  /** Splits the keyring into packets; refuses partial and indeterminate lengths. */
  private static List<Packet> packets(byte[] k) {
    List<Packet> out = new ArrayList<>();
    int i = 0;
    while (i < k.length) {
      int start = i;
      int h = k[i++] & 0xff;
      if ((h & 0x80) == 0) {
        throw malformed("byte " + start + " is not a packet header");
      }
      int tag;
      long length;
      if ((h & 0x40) != 0) {
        tag = h & 0x3f;
        int o1 = next(k, i++);
        if (o1 < 192) {
          length = o1;
        } else if (o1 < 224) {
          length = ((o1 - 192) << 8) + next(k, i++) + 192;
        } else if (o1 == 255) {
          length = bigEndian(k, i, 4);
          i += 4;
        } else {
          throw malformed("a partial-length packet at byte " + start);
        }
      } else {
        tag = (h >> 2) & 0x0f;
        int type = h & 3;
        if (type == 3) {
          throw malformed("an indeterminate-length packet at byte " + start);
        }
        int n = 1 << type;
        length = bigEndian(k, i, n);
        i += n;
      }
      if (length > k.length - i) {
        throw malformed("a packet at byte " + start + " runs past the end");
      }
      out.add(new Packet(tag, start, i, i + (int) length));
      i += (int) length;
    }
    return out;
  }

  private static int next(byte[] k, int i) {
    if (i >= k.length) {
      throw malformed("it ends inside a packet header");
    }
    return k[i] & 0xff;
  }

  private static long bigEndian(byte[] k, int from, int n) {
    long v = 0;
    for (int j = 0; j < n; j++) {
      v = (v << 8) | next(k, from + j);
    }
    return v;
  }

  private static MessageDigest digest(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + name, e);
    }
  }

  private static IllegalArgumentException malformed(String what) {
    return new IllegalArgumentException("not an OpenPGP keyring: " + what);
  }
}
