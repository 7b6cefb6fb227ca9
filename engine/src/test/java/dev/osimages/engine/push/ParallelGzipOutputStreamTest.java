package dev.osimages.engine.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelGzipOutputStreamTest {
  @TempDir Path dir;

  private static byte[] data(int size) {
    byte[] b = new byte[size];
    Random r = new Random(7);
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i % 97 < 60 ? 'a' + r.nextInt(4) : r.nextInt(256));
    }
    return b;
  }

  private static byte[] gzip(byte[] in, int threads) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ParallelGzipOutputStream gz = new ParallelGzipOutputStream(out, threads)) {
      for (int off = 0; off < in.length; off += 100_000) {
        gz.write(in, off, Math.min(100_000, in.length - off));
      }
    }
    return out.toByteArray();
  }

  @Test
  void output_isOneGzipStreamThatGnuGzipAndJavaRead() throws Exception {
    byte[] in = data(9 << 20);
    byte[] gz = gzip(in, 3);
    try (GZIPInputStream r = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      assertThat(r.readAllBytes()).isEqualTo(in);
    }
    Path f = dir.resolve("x.gz");
    Files.write(f, gz);
    Process p = new ProcessBuilder("gzip", "-dc", f.toString()).start();
    assertThat(p.getInputStream().readAllBytes()).isEqualTo(in);
    assertThat(p.waitFor()).isZero();
  }

  @Test
  void output_isTheSameForAnyThreadCount_andEmptyInputIsValid() throws Exception {
    byte[] in = data(5 << 20);
    assertThat(gzip(in, 1)).isEqualTo(gzip(in, 4));
    try (GZIPInputStream r =
        new GZIPInputStream(new java.io.ByteArrayInputStream(gzip(new byte[0], 2)))) {
      assertThat(r.readAllBytes()).isEmpty();
    }
  }
}
