package dev.osimages.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckedSetsTest {
  @TempDir Path tmp;
  Path set;
  Path stamps;

  @BeforeEach
  void publishASet() throws Exception {
    set = TestTrees.publishSmallSet(tmp, new ManifestExtras("x/1", "abc", "dev", null, null));
    stamps = tmp.resolve("state/checked");
  }

  @Test
  void soundSet_passesTheFullCheck_andIsStamped() {
    assertThat(new CheckedSets(stamps).sound(set)).isTrue();
    assertThat(stamps).isDirectoryContaining(p -> true);
    assertThat(new CheckedSets(stamps).sound(set)).isTrue();
  }

  @Test
  void tarballChangedInPlaceAfterTheStamp_isNotSound() throws Exception {
    CheckedSets checked = new CheckedSets(stamps);
    checked.record(set);
    // Same size, one byte flipped in the middle of the frame: only a full check can catch it, so
    // the stamp must not match any more.
    try (RandomAccessFile f = new RandomAccessFile(set.resolve(ImageSet.TARBALL).toFile(), "rw")) {
      long mid = f.length() / 2;
      f.seek(mid);
      int b = f.read();
      f.seek(mid);
      f.write(b ^ 0xFF);
    }
    assertThat(checked.sound(set)).isFalse();
  }

  @Test
  void md5FileRewrittenWithAnotherSum_isNotSound() throws Exception {
    CheckedSets checked = new CheckedSets(stamps);
    checked.record(set);
    Files.writeString(set.resolve(ImageSet.MD5), "0".repeat(32) + "  img.tar.lz4\n");
    assertThat(checked.sound(set)).isFalse();
  }

  @Test
  void sameBytesUnderANewInode_areCheckedInFullAndStillSound() throws Exception {
    CheckedSets checked = new CheckedSets(stamps);
    checked.record(set);
    String before = CheckedSets.identities(set);
    Path copy = tmp.resolve("copy");
    Files.copy(set.resolve(ImageSet.TARBALL), copy);
    Files.move(copy, set.resolve(ImageSet.TARBALL), StandardCopyOption.REPLACE_EXISTING);
    assertThat(CheckedSets.identities(set)).isNotEqualTo(before);
    assertThat(checked.sound(set)).isTrue();
    assertThat(CheckedSets.identities(set)).isEqualTo(readStamp());
  }

  @Test
  void missingFile_isNotSound_andNeverStamped() throws Exception {
    Files.delete(set.resolve(ImageSet.PACKAGES));
    CheckedSets checked = new CheckedSets(stamps);
    checked.record(set);
    assertThat(CheckedSets.identities(set)).isEmpty();
    assertThat(checked.sound(set)).isFalse();
    assertThat(stamps).doesNotExist();
  }

  @Test
  void noStamp_andNoSet_isNotSound() {
    assertThat(new CheckedSets(stamps).sound(tmp.resolve("nothing"))).isFalse();
  }

  private String readStamp() throws Exception {
    try (var files = Files.list(stamps)) {
      return Files.readString(
          files.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow());
    }
  }
}
