package dev.osimages.engine.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CA certificates a registry's TLS certificate is checked against, as docker and podman find
 * them: the system's bundle, plus every {@code *.crt} in {@code <certs.d>/HOST:PORT/} (or {@code
 * HOST/}). Empty when no {@code certs.d} directory names the registry: then Java's default trust
 * store (on Debian the same system CAs) applies. The ORAS SDK takes one PEM bundle that replaces
 * the default, so the system's CAs are included explicitly.
 */
final class TrustAnchors {
  private static final Path SYSTEM_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");
  private final List<Path> roots;

  TrustAnchors(List<Path> roots) {
    this.roots = List.copyOf(roots);
  }

  /** The CA files for {@code host} ({@code name[:port]}), in the order found. */
  List<Path> caFiles(String host) {
    List<Path> out = new ArrayList<>();
    for (Path root : roots) {
      Path dir = root.resolve(host.replace("[", "").replace("]", ""));
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.getFileName().toString().endsWith(".crt")).sorted().forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + dir, e);
      }
    }
    return out;
  }

  /** The PEM bundle for {@code host}: the system's CAs and its own; empty without its own. */
  Optional<String> bundle(String host) {
    List<Path> own = caFiles(host);
    if (own.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder b = new StringBuilder();
    try {
      if (Files.isRegularFile(SYSTEM_BUNDLE)) {
        b.append(Files.readString(SYSTEM_BUNDLE, StandardCharsets.US_ASCII)).append('\n');
      }
      for (Path p : own) {
        b.append(Files.readString(p, StandardCharsets.US_ASCII)).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading CA certificates for " + host, e);
    }
    return Optional.of(b.toString());
  }
}
