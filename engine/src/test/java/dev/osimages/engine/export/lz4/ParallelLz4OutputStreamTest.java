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
    try (ParallelLz4OutputStream lz = new ParallelLz4OutputStream(out, level, threads)) {
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
