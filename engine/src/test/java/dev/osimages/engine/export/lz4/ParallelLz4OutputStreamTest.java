package dev.osimages.engine.export.lz4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelLz4OutputStreamTest {
  private static final int MB = 1 << 20;

  @TempDir Path tmp;

  /** Half text-like (compressible), half random (stored raw by lz4). */
  static byte[] sample(int size, long seed) {
    byte[] b = new byte[size];
    Random r = new Random(seed);
    String words = "the quick brown fox jumps over the lazy dog usr lib systemd ";
    for (int i = 0; i < size; i++) {
      b[i] =
          (i / MB) % 3 == 2 ? (byte) r.nextInt() : (byte) words.charAt(r.nextInt(words.length()));
    }
    return b;
  }

  static byte[] compress(byte[] data, int threads, int level) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ParallelLz4OutputStream lz =
        new ParallelLz4OutputStream(
            out, level, threads, ParallelLz4OutputStream.DEFAULT_HC_MIN_SAVING)) {
      // odd write sizes cross block boundaries
      for (int off = 0; off < data.length; off += 777_777) {
        lz.write(data, off, Math.min(777_777, data.length - off));
      }
    }
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4 * MB, 4 * MB + 1, 13 * MB})
  void frame_decompressesWithLz4Cli_toTheSameBytes(int size) throws Exception {
    byte[] data = sample(size, size);
    Path lz4 = tmp.resolve("x.lz4");
    Files.write(lz4, compress(data, 3, 9));

    assertThat(run("lz4", "-t", lz4.toString())).isZero();
    Path plain = tmp.resolve("x");
    assertThat(run("lz4", "-d", "-f", lz4.toString(), plain.toString())).isZero();
    assertThat(Files.readAllBytes(plain)).isEqualTo(data);
  }

  @Test
  void output_isTheSame_forAnyThreadCount() throws Exception {
    byte[] data = sample(10 * MB, 7);
    assertThat(compress(data, 1, 9)).isEqualTo(compress(data, 4, 9));
  }

  @Test
  void checker_acceptsOwnFrames_andTheCliOnes() throws Exception {
    byte[] data = sample(9 * MB, 3);
    Lz4FrameChecker.Result r =
        new Lz4FrameChecker().check(new ByteArrayInputStream(compress(data, 2, 4)));
    assertThat(r.contentBytes()).isEqualTo(data.length);
    assertThat(r.blocks()).isEqualTo(3);

    Path plain = tmp.resolve("p");
    Files.write(plain, data);
    assertThat(
            run(
                "lz4",
                "-9",
                "-f",
                "--content-size",
                "-BX",
                plain.toString(),
                tmp.resolve("c.lz4").toString()))
        .isZero();
    assertThat(
            new Lz4FrameChecker().check(Files.newInputStream(tmp.resolve("c.lz4"))).contentBytes())
        .isEqualTo(data.length);
  }

  @Test
  void checker_findsAFlippedByte_andATruncation() throws Exception {
    byte[] frame = compress(sample(5 * MB, 5), 2, 9);
    byte[] flipped = frame.clone();
    flipped[frame.length / 2] ^= 0x40;
    assertThatThrownBy(() -> new Lz4FrameChecker().check(new ByteArrayInputStream(flipped)))
        .isInstanceOf(Lz4FormatException.class);
    byte[] cut = java.util.Arrays.copyOf(frame, frame.length - 3);
    assertThatThrownBy(() -> new Lz4FrameChecker().check(new ByteArrayInputStream(cut)))
        .isInstanceOf(Lz4FormatException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void compressedSize_isWithinOnePercentOfLz4Cli() throws Exception {
    byte[] data = sample(12 * MB, 11);
    Path plain = tmp.resolve("p");
    Files.write(plain, data);
    Path cli = tmp.resolve("cli.lz4");
    assertThat(run("lz4", "-9", "-f", plain.toString(), cli.toString())).isZero();
    assertThat((double) compress(data, 2, 9).length).isLessThanOrEqualTo(Files.size(cli) * 1.01);
  }

  /**
   * A block of letters (the fast mode gains little on it, HC's deeper search much more), a random
   * block (what xz modules look like to LZ4), and letters again.
   */
  static byte[] lettersRandomLetters() {
    byte[] b = new byte[12 * MB];
    Random r = new Random(21);
    String words = "the quick brown fox jumps over the lazy dog usr lib systemd ";
    for (int i = 0; i < b.length; i++) {
      b[i] =
          i / (4 * MB) == 1 ? (byte) r.nextInt() : (byte) words.charAt(r.nextInt(words.length()));
    }
    return b;
  }

  static ParallelLz4OutputStream frame(ByteArrayOutputStream out, byte[] data, int minSaving)
      throws IOException {
    ParallelLz4OutputStream lz = new ParallelLz4OutputStream(out, 9, 2, minSaving);
    lz.write(data, 0, data.length);
    lz.finish();
    lz.close();
    return lz;
  }

  @Test
  void incompressibleBlock_keepsTheFastResult_othersGoThroughHc() throws Exception {
    byte[] data = lettersRandomLetters();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ParallelLz4OutputStream lz = frame(out, data, ParallelLz4OutputStream.DEFAULT_HC_MIN_SAVING);
    assertThat(lz.blocks()).isEqualTo(3);
    assertThat(lz.fastBlocks()).isEqualTo(1);
    // The random block is stored raw whichever mode ran; the letter blocks went through HC.
    ByteArrayOutputStream allHc = new ByteArrayOutputStream();
    assertThat(frame(allHc, data, 0).fastBlocks()).isZero();
    assertThat(out.toByteArray()).isEqualTo(allHc.toByteArray());

    Path lz4 = tmp.resolve("mixed.lz4");
    Files.write(lz4, out.toByteArray());
    Path plain = tmp.resolve("mixed");
    assertThat(run("lz4", "-d", "-f", lz4.toString(), plain.toString())).isZero();
    assertThat(Files.readAllBytes(plain)).isEqualTo(data);
  }

  @Test
  void failingSink_surfacesOnTheCallersThread_withoutHanging() throws Exception {
    java.io.OutputStream full =
        new java.io.OutputStream() {
          long written;

          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            written += len;
            if (written > MB) {
              throw new IOException("No space left on device");
            }
          }
        };
    byte[] data = sample(40 * MB, 9);
    ParallelLz4OutputStream lz =
        new ParallelLz4OutputStream(full, 9, 2, ParallelLz4OutputStream.DEFAULT_HC_MIN_SAVING);
    assertThatThrownBy(
            () -> {
              lz.write(data, 0, data.length);
              lz.finish();
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("No space left");
    lz.abort();
  }

  @Test
  void hcMinSaving_outsideZeroToHundred_isRefused() {
    assertThatThrownBy(() -> new ParallelLz4OutputStream(new ByteArrayOutputStream(), 9, 1, 101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0..100");
  }

  static int run(String... cmd) throws Exception {
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }
}
