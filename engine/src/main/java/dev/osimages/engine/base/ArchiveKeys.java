package dev.osimages.engine.base;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.host.Digests;
import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.host.Tarballs;
import dev.osimages.engine.host.Trees;
import dev.osimages.engine.model.Base;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The signing key of an archive whose keyring the host lacks (Ubuntu's on a Debian host), taken
 * from the archive's own keyring package and trusted only through the fingerprint the declaration
 * pins. The chain is checked end to end before the key is used: the suite's {@code InRelease} is
 * signed by exactly that key (gpgv, with nothing else in its keyring), the text gpgv verified names
 * the SHA-256 of the component's {@code Packages.gz}, and that index names the SHA-256 of the
 * package file the key was read from. Only the pinned key is kept, as {@code
 * <cache>/keys/<fingerprint>.gpg}; later bootstraps use it without downloading anything.
 */
final class ArchiveKeys {
  /** A keyring package is a few kilobytes; anything far larger is not what was asked for. */
  private static final long MAX_KEYRING = 1 << 20;

  private final Path cache;
  private final Map<String, String> env;

  ArchiveKeys(Path cache) {
    this(cache, Map.of());
  }

  /** Downloads with {@code env} added to apt's environment (the archive proxy). */
  ArchiveKeys(Path cache, Map<String, String> env) {
    this.cache = cache;
    this.env = Map.copyOf(env);
  }

  /** The keyring file holding only {@code key}, fetched and checked on first use. */
  Path keyring(Base.Bootstrap b, Base.ArchiveKey key, Consumer<String> lines) {
    Path kept = cache.resolve("keys").resolve(key.fingerprint() + ".gpg");
    try {
      if (holdsExactly(kept, key)) {
        return kept;
      }
      Files.createDirectories(kept.getParent());
      Path scratch = Files.createTempDirectory(cache, ".tmp-key-");
      HostCommand.Cleanup cleanup = HostCommand.atShutdown(() -> Trees.delete(scratch));
      try {
        byte[] pinned = fetch(b, key, scratch, lines);
        Path tmp = scratch.resolve("kept.gpg");
        Files.write(tmp, pinned);
        Files.move(tmp, kept, StandardCopyOption.ATOMIC_MOVE);
        return kept;
      } finally {
        cleanup.run();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("fetching the archive key for " + b.describe(), e);
    }
  }

  /** Whether a kept file is there and holds that key alone (a damaged one is fetched again). */
  private static boolean holdsExactly(Path kept, Base.ArchiveKey key) throws IOException {
    try {
      return Files.isRegularFile(kept)
          && OpenPgpKeys.fingerprints(Files.readAllBytes(kept)).equals(List.of(key.fingerprint()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Where the keyring package is listed: the component's index, its file, and its stanza. */
  private record Listing(String index, Path file, Map<String, String> stanza) {}

  private byte[] fetch(Base.Bootstrap b, Base.ArchiveKey key, Path scratch, Consumer<String> lines)
      throws IOException {
    String uri = archiveUri(b, scratch);
    String where = b.suite() + " at " + uri;
    Path release = scratch.resolve("InRelease");
    ArchiveProbe.download(
        List.of(uri + "/dists/" + b.suite() + "/InRelease"), List.of(release), env);
    Listing listing = find(b, key, uri, scratch);
    String filename = listing.stanza().getOrDefault("Filename", "");
    if (!filename.matches("pool/[A-Za-z0-9+._~/-]+\\.deb") || filename.contains("..")) {
      throw refused(key, where + " names the package file '" + filename + "'");
    }
    Path deb = scratch.resolve("keyring.deb");
    ArchiveProbe.download(List.of(uri + "/" + filename), List.of(deb), env);
    byte[] pinned = pinnedKey(readFromDeb(deb, key, scratch), key, filename);
    String verified = verifySignature(release, pinned, scratch, key, where);
    if (!AptIndex.releaseSha256(verified, listing.index())
        .orElse("")
        .equals(Digests.ofFile(listing.file()))) {
      throw refused(
          key, "the signed InRelease of " + where + " does not vouch for " + listing.index());
    }
    if (!listing.stanza().getOrDefault("SHA256", "").equals(Digests.ofFile(deb))) {
      throw refused(key, listing.index() + " of " + where + " does not vouch for " + filename);
    }
    lines.accept(
        "archive key "
            + key.fingerprint()
            + ": from "
            + key.packageName()
            + " "
            + listing.stanza().getOrDefault("Version", "?")
            + ", signs "
            + b.suite()
            + "'s InRelease, package and index checksums verified");
    return pinned;
  }

  /** The first component whose Packages.gz lists the keyring package (not trusted yet). */
  private Listing find(Base.Bootstrap b, Base.ArchiveKey key, String uri, Path scratch)
      throws IOException {
    String arch = HostCommand.output(List.of("dpkg", "--print-architecture")).strip();
    Path packages = scratch.resolve("Packages.gz");
    for (String component : b.components()) {
      String index = component + "/binary-" + arch + "/Packages.gz";
      ArchiveProbe.download(
          List.of(uri + "/dists/" + b.suite() + "/" + index), List.of(packages), env);
      try (InputStream in = new GZIPInputStream(Files.newInputStream(packages))) {
        Optional<Map<String, String>> stanza = AptIndex.stanza(in, key.packageName());
        if (stanza.isPresent()) {
          return new Listing(index, packages, stanza.get());
        }
      }
    }
    throw refused(
        key,
        "no component of " + b.suite() + " at " + uri + " has the package " + key.packageName());
  }

  /** The packets of the pinned key alone, out of the package's keyring file. */
  private static byte[] pinnedKey(byte[] keyring, Base.ArchiveKey key, String filename) {
    try {
      return OpenPgpKeys.select(keyring, key.fingerprint())
          .orElseThrow(
              () ->
                  refused(
                      key,
                      "/"
                          + key.file()
                          + " in "
                          + filename
                          + " holds no key with that fingerprint (it holds "
                          + String.join(", ", OpenPgpKeys.fingerprints(keyring))
                          + ")"));
    } catch (IllegalArgumentException e) {
      throw refused(key, "/" + key.file() + " in " + filename + " is " + e.getMessage());
    }
  }

  /** The archive mmdebstrap would use for the suite itself (not -updates or -security). */
  private String archiveUri(Base.Bootstrap b, Path scratch) {
    for (List<String> deb : ArchiveProbe.sources(b, cache, scratch.resolve("probe"))) {
      if (deb.get(1).equals(b.suite())) {
        return deb.get(0).replaceAll("/+$", "");
      }
    }
    throw new EngineException(
        "mmdebstrap's sources for " + b.describe() + " lack the suite", ExitCode.ENVIRONMENT);
  }

  /**
   * The keyring file's bytes. The package's data tar is unpacked by {@link Tarballs} (GNU tar into
   * an empty scratch directory) and only a regular file inside that directory is read: a link in
   * the package can point nowhere else.
   */
  private static byte[] readFromDeb(Path deb, Base.ArchiveKey key, Path scratch)
      throws IOException {
    Path tar = scratch.resolve("data.tar");
    HostCommand.Result r =
        HostCommand.run(
            List.of(
                "sh", "-c", "dpkg-deb --fsys-tarfile \"$1\" > \"$2\"", "sh", deb + "", tar + ""),
            null,
            Map.of(),
            l -> {});
    if (!r.ok()) {
      throw refused(key, "dpkg-deb cannot read it: " + String.join(" ", r.tail()));
    }
    Path root = Files.createDirectory(scratch.resolve("data"));
    Tarballs.extract(tar, root, l -> {});
    Path file = root.resolve(key.file()).normalize();
    if (!file.startsWith(root) || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw refused(key, key.packageName() + " has no file /" + key.file());
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        || !file.toRealPath().startsWith(root.toRealPath())
        || Files.size(file) > MAX_KEYRING) {
      throw refused(key, "/" + key.file() + " is not a keyring file in the package");
    }
    return Files.readAllBytes(file);
  }

  /**
   * Checks {@code release} with gpgv against the pinned key alone and returns the text gpgv
   * verified: only that text is read afterwards, never what surrounds the signature.
   */
  private static String verifySignature(
      Path release, byte[] pinned, Path scratch, Base.ArchiveKey key, String where)
      throws IOException {
    String text = Files.readString(release, StandardCharsets.UTF_8);
    if (!text.startsWith("-----BEGIN PGP SIGNED MESSAGE-----")
        || text.indexOf("-----BEGIN PGP SIGNED MESSAGE-----", 1) >= 0
        || !text.strip().endsWith("-----END PGP SIGNATURE-----")) {
      throw refused(key, "the InRelease of " + where + " is not one clear-signed message");
    }
    Path keyring = scratch.resolve("pinned.gpg");
    Files.write(keyring, pinned);
    Path home =
        Files.createDirectory(
            scratch.resolve("gnupg"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path out = scratch.resolve("InRelease.verified");
    List<String> status = new ArrayList<>();
    HostCommand.run(
        List.of(
            "gpgv",
            "--homedir",
            home.toString(),
            "--status-fd",
            "1",
            "--keyring",
            keyring.toString(),
            "--output",
            out.toString(),
            release.toString()),
        null,
        Map.of(),
        status::add);
    Optional<String> problem = AptIndex.signatureProblem(status, key.fingerprint());
    if (problem.isPresent()) {
      throw refused(key, "the InRelease of " + where + " " + problem.get());
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static EngineException refused(Base.ArchiveKey key, String why) {
    return new EngineException(
        "archive key " + key.fingerprint() + " (" + key.packageName() + ") is not trusted: " + why,
        ExitCode.FAILED);
  }
}
