package dev.osimages.engine.files;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes bytes that must be UTF-8 text (the declaration, goss suites and vars), and when they are
 * not, says where: the line and column of the first byte that is not UTF-8, and which byte.
 */
public final class Utf8Text {
  private Utf8Text() {}

  /** The bytes are not UTF-8; {@link #getMessage()} says which byte, in words for people. */
  public static final class Malformed extends Exception {
    private final int line;
    private final int column;

    Malformed(int line, int column, String message) {
      super(message);
      this.line = line;
      this.column = column;
    }

    /** The 1-based line of the first bad byte. */
    public int line() {
      return line;
    }

    /** The 1-based column (in characters) of the first bad byte. */
    public int column() {
      return column;
    }
  }

  /** The text, without a leading byte order mark. */
  public static String decode(byte[] bytes) throws Malformed {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    out.flip();
    if (r.isError()) {
      int bad = bytes[in.position()] & 0xff;
      boolean cutShort = in.remaining() == r.length() && bad >= 0xc2 && bad <= 0xf4;
      throw malformed(out.toString(), bad, cutShort);
    }
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static Malformed malformed(String before, int b, boolean atEnd) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < before.length(); i++) {
      if (before.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = before.codePointCount(lineStart, before.length()) + 1;
    String message =
        atEnd
            ? String.format("not UTF-8 text: the file ends inside a character (byte 0x%02X)", b)
            : String.format(
                "not UTF-8 text: byte 0x%02X here is not valid UTF-8; save the file as UTF-8 (it"
                    + " may be Latin-1 or Windows-1252)",
                b);
    return new Malformed(line, column, message);
  }
}
