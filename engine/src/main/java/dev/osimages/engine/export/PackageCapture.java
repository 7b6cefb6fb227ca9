package dev.osimages.engine.export;

import dev.osimages.engine.export.packages.DpkgList;
import dev.osimages.engine.export.packages.ImageFiles;
import dev.osimages.engine.export.packages.PackageListing;
import dev.osimages.engine.export.packages.RpmList;
import dev.osimages.engine.export.tar.TarEntry;
import dev.osimages.engine.model.PackageManager;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Picks the package database out of a tar stream as it passes to the compressor, so packages.txt
 * and the SBOM's inventory need no extraction: dpkg's status file is kept in memory; rpm's database
 * files are copied to a scratch directory for the host's {@code rpm --root DIR -qa}; os-release and
 * the packages' copyright files (licenses) are kept in memory, with the links that lead to them.
 */
final class PackageCapture {
  private static final String DPKG_STATUS = "/var/lib/dpkg/status";
  private static final String[] RPM_DIRS = {"/var/lib/rpm/", "/usr/lib/sysimage/rpm/"};

  private static final String DOC = "/usr/share/doc/";
  private static final java.util.Set<String> OS_RELEASE =
      java.util.Set.of("/etc/os-release", "/usr/lib/os-release");

  private final PackageManager pm;
  private final Path scratch;
  private final ImageFiles.Captured files = ImageFiles.captured();
  private ByteArrayOutputStream dpkgStatus;
  private String rpmSource;

  PackageCapture(PackageManager pm, Path scratch) {
    this.pm = pm;
    this.scratch = scratch;
  }

  /**
   * The member's content, copied aside on its way when it belongs to the package database or is one
   * of the files the SBOM reads (os-release, copyright files, and the links leading to them).
   */
  InputStream wrap(TarEntry e, InputStream content) throws IOException {
    String path = e.imagePath();
    if (e.type() == TarEntry.Type.SYMLINK && sbomLink(path)) {
      files.link(path, e.linkTarget());
    }
    if (e.type() != TarEntry.Type.FILE) {
      return content;
    }
    if (pm != PackageManager.NONE && sbomFile(path)) {
      return tee(content, new Kept(path));
    }
    if (pm == PackageManager.DPKG && path.equals(DPKG_STATUS)) {
      dpkgStatus = new ByteArrayOutputStream();
      return tee(content, dpkgStatus);
    }
    if (pm == PackageManager.RPM) {
      for (String dir : RPM_DIRS) {
        if (path.startsWith(dir) && path.indexOf('/', dir.length()) < 0) {
          if (rpmSource != null && !rpmSource.equals(dir)) {
            return content; // both places hold a database: keep the first seen
          }
          rpmSource = dir;
          Path db = scratch.resolve("var/lib/rpm");
          Files.createDirectories(db);
          return tee(content, Files.newOutputStream(db.resolve(path.substring(dir.length()))));
        }
      }
    }
    return content;
  }

  /** The listing, once the whole stream has passed. */
  PackageListing listing() throws IOException {
    return switch (pm) {
      case NONE -> PackageListing.empty();
      case DPKG -> {
        if (dpkgStatus == null) {
          throw new IOException("the tar stream holds no ." + DPKG_STATUS + " (not a dpkg image?)");
        }
        yield DpkgList.render(dpkgStatus.toString(StandardCharsets.UTF_8), files);
      }
      case RPM -> {
        if (rpmSource == null) {
          throw new IOException("the tar stream holds no rpm database under /var/lib/rpm");
        }
        yield RpmList.of(scratch, files);
      }
    };
  }

  /** os-release, or a package's copyright file. */
  private static boolean sbomFile(String path) {
    if (OS_RELEASE.contains(path)) {
      return true;
    }
    if (!path.startsWith(DOC) || !path.endsWith("/copyright")) {
      return false;
    }
    String dir = path.substring(DOC.length(), path.length() - "/copyright".length());
    return !dir.isEmpty() && dir.indexOf('/') < 0;
  }

  /** A link an SBOM file may be reached through: those files, doc directories, top directories. */
  private static boolean sbomLink(String path) {
    if (sbomFile(path) || path.chars().filter(c -> c == '/').count() <= 2) {
      return true;
    }
    return path.startsWith(DOC) && path.indexOf('/', DOC.length()) < 0;
  }

  /** Keeps what is written to it as the text of an image file once closed. */
  private final class Kept extends ByteArrayOutputStream {
    private final String path;

    Kept(String path) {
      this.path = path;
    }

    @Override
    public void close() {
      files.file(path, toString(StandardCharsets.UTF_8));
    }
  }

  private static InputStream tee(InputStream in, OutputStream copy) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
          copy.write(b, off, n);
        }
        return n;
      }

      @Override
      public void close() throws IOException {
        copy.close();
      }
    };
  }
}
