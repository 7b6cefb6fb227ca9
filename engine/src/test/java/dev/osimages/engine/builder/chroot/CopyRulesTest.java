package dev.osimages.engine.builder.chroot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The pure rules of COPY/ADD: destinations, source globs, what counts as a tar archive. */
class CopyRulesTest {
  @Test
  void destination_isRelativeToWorkdir_cleaned_andKeepsTheDirectoryMark() {
    assertThat(CopyInstruction.destination("rel", "/w")).isEqualTo("/w/rel");
    assertThat(CopyInstruction.destination(".", "/w")).isEqualTo("/w/");
    assertThat(CopyInstruction.destination("sub/", "/w")).isEqualTo("/w/sub/");
    assertThat(CopyInstruction.destination("/a/../b/./c", "/w")).isEqualTo("/b/c");
    assertThat(CopyInstruction.destination("../../..", "/w")).isEqualTo("/");
    assertThat(CopyInstruction.destination("/", "/w")).isEqualTo("/");
  }

  @Test
  void glob_isGoFilepathMatch() {
    assertThat(CopySource.glob("*.txt").matcher("a.txt").matches()).isTrue();
    assertThat(CopySource.glob("*.txt").matcher("d/a.txt").matches()).isFalse();
    assertThat(CopySource.glob("[^b]*").matcher("a").matches()).isTrue();
    assertThat(CopySource.glob("[^b]*").matcher("b").matches()).isFalse();
    assertThat(CopySource.glob("[!b]").matcher("!").matches()).isTrue();
    assertThat(CopySource.glob("[a-c]?").matcher("bz").matches()).isTrue();
    assertThat(CopySource.glob("a\\*").matcher("a*").matches()).isTrue();
    assertThat(CopySource.glob("a\\*").matcher("ab").matches()).isFalse();
    assertThat(CopySource.glob("bad[").matcher("bad[").matches()).isFalse();
    assertThat(CopySource.hasWildcard("a\\*b")).isFalse();
    assertThat(CopySource.hasWildcard("a[b]")).isTrue();
  }

  @Test
  void tarHeader_needsAValidChecksum_andIsNotAnEndBlock() {
    byte[] block = new byte[512];
    byte[] name = "hello.txt".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, block, 0, name.length);
    block[156] = '0';
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : block[i] & 0xff;
    }
    byte[] field = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(field, 0, block, 148, 8);
    assertThat(TarHeader.valid(block)).isTrue();
    block[0] = 'j';
    assertThat(TarHeader.valid(block)).isFalse();
    assertThat(TarHeader.valid(new byte[512])).isFalse();
    assertThat(TarHeader.valid(new byte[100])).isFalse();
  }
}
