package dev.osimages.engine.sbom;

import dev.osimages.engine.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.util.LicenseResolver;

/**
 * Turns a license name as a package states it into an SPDX license id when it is one or names one
 * unambiguously: SPDX ids themselves (any case), Debian's DEP-5 short names ({@code GPL-2+}, {@code
 * Expat}, {@code BSD-3-clause}), Fedora's legacy rpm names ({@code GPLv2+}, {@code ASL 2.0}), and
 * what CycloneDX's own license mapping knows. Everything else ({@code public-domain}, {@code
 * Artistic}, which Debian uses for more than one license) stays a name. An id is only returned when
 * it is in the SPDX list the CycloneDX schema validates against.
 */
final class SpdxLicenses {
  private static final Pattern GNU =
      Pattern.compile("(A?GPL|LGPL|GFDL)v?-?(\\d+(?:\\.\\d+)?)(\\+?)");
  private static final Map<String, String> ALIASES =
      Map.of(
          "expat", "MIT",
          "asl 2.0", "Apache-2.0",
          "apache-2", "Apache-2.0",
          "cc0", "CC0-1.0",
          "zlib", "Zlib",
          "bsd-2-clause", "BSD-2-Clause",
          "bsd-3-clause", "BSD-3-Clause",
          "bsd-4-clause", "BSD-4-Clause");
  private static final Map<String, String> IDS = load();

  private SpdxLicenses() {}

  /** The SPDX id that {@code name} stands for, if any. */
  static Optional<String> id(String name) {
    String n = name.strip();
    String lower = n.toLowerCase(Locale.ROOT);
    // GNU names first: SPDX still lists deprecated ids such as LGPL-2.1+.
    Matcher m = GNU.matcher(n);
    if (m.matches()) {
      String version = m.group(2).contains(".") ? m.group(2) : m.group(2) + ".0";
      String id = m.group(1) + "-" + version + (m.group(3).isEmpty() ? "-only" : "-or-later");
      return known(id);
    }
    if (IDS.containsKey(lower)) {
      return Optional.of(IDS.get(lower));
    }
    if (ALIASES.containsKey(lower)) {
      return Optional.of(ALIASES.get(lower));
    }
    LicenseChoice c = LicenseResolver.resolve(n, false);
    if (c != null && c.getLicenses() != null && c.getLicenses().size() == 1) {
      return known(c.getLicenses().get(0).getId());
    }
    return Optional.empty();
  }

  private static Optional<String> known(String id) {
    return id == null
        ? Optional.empty()
        : Optional.ofNullable(IDS.get(id.toLowerCase(Locale.ROOT)));
  }

  /** The ids of the SPDX list shipped with the CycloneDX schemas, by lower-case id. */
  private static Map<String, String> load() {
    try (InputStream in = LicenseResolver.class.getResourceAsStream("/spdx.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("the CycloneDX library lacks spdx.schema.json");
      }
      Map<String, String> ids = new HashMap<>();
      String schema = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      JsonObject.parse(schema)
          .strings("enum")
          .forEach(id -> ids.put(id.toLowerCase(Locale.ROOT), id));
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the SPDX license list", e);
    }
  }
}
