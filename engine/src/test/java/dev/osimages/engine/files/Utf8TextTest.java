package dev.osimages.engine.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8TextTest {
  private static byte[] bytes(String ascii, int... tail) {
    byte[] head = ascii.getBytes(StandardCharsets.UTF_8);
    byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    for (int i = 0; i < tail.length; i++) {
      all[head.length + i] = (byte) tail[i];
    }
    return all;
  }

  @Test
  void utf8_isDecoded_withoutAByteOrderMark() throws Exception {
    assertThat(Utf8Text.decode("\uFEFFcafé ✓\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("café ✓\n");
  }

  @Test
  void aLatin1Byte_isNamedWithLineAndColumnInCharacters() {
    // "b: é ✓ x" is 8 characters but 11 bytes: the bad byte is the 9th character
    byte[] text = bytes("a: 1\nb: é ✓ x", 0xe9, 'x', '\n');
    assertThatThrownBy(() -> Utf8Text.decode(text))
        .isInstanceOfSatisfying(
            Utf8Text.Malformed.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.column()).isEqualTo(9);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "not UTF-8 text: byte 0xE9 here is not valid UTF-8; save the file as UTF-8"
                          + " (it may be Latin-1 or Windows-1252)");
            });
  }

  @Test
  void aStrayContinuationByte_andAFileCutInsideACharacter() {
    assertThatThrownBy(() -> Utf8Text.decode(bytes("x", 0x80)))
        .hasMessageContaining("byte 0x80 here is not valid UTF-8");
    assertThatThrownBy(() -> Utf8Text.decode(bytes("ab\n", 0xc3)))
        .isInstanceOfSatisfying(
            Utf8Text.Malformed.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.column()).isEqualTo(1);
              assertThat(e.getMessage())
                  .isEqualTo("not UTF-8 text: the file ends inside a character (byte 0xC3)");
            });
  }
}
