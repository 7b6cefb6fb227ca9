package dev.osimages.engine.plan;

import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.Hygiene;
import dev.osimages.engine.model.NamedContextSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Computes a cell's input hash: sha256 over the rendered Dockerfile, every file of the merged
 * context view (path, kind, mode, content or link target), the resolved args, the package manager,
 * the hygiene rules, where the cell starts, its base cell's input hash, and its named contexts (a
 * directory's files as the main context's; a cell's input hash). It changes exactly when one of
 * these changes; the output location and channel are deliberately not part of it, so the same image
 * hashes the same in every channel. Secrets are never part of it, neither their values nor where
 * they come from.
 */
public final class InputHasher {
  /** Bumped when the hash's composition changes, so old manifests read as out of date. */
  static final String VERSION = "osimages-input-v1";

  private InputHasher() {}

  /** The hex input hash of {@code cell}. */
  public static String hash(
      Cell cell, String dockerfile, Hygiene hygiene, Optional<String> baseInputHash) {
    return hashed(cell, dockerfile, hygiene, baseInputHash).hash();
  }

  /**
   * The hash and, for reviews, the inputs it covers besides the Dockerfile and the args (which a
   * review shows in full): {@code base}, {@code base image} (the base cell's input hash), {@code
   * package manager}, {@code hygiene}, and one {@code context PATH} per context file (kind, mode,
   * the content's sha256 or the link target); hashes cut to 12 hex digits.
   */
  static Hashed hashed(
      Cell cell, String dockerfile, Hygiene hygiene, Optional<String> baseInputHash) {
    return hashed(cell, dockerfile, hygiene, baseInputHash, Map.of());
  }

  /**
   * As {@link #hashed(Cell, String, Hygiene, Optional)}, with the input hashes of the cells the
   * cell's named contexts name ({@code contextHashes}, by id). Named contexts add {@code named
   * context NAME} (what it is) and, for a directory, {@code context NAME:PATH} per file to the
   * labelled inputs; a cell without named contexts hashes as before they existed.
   */
  static Hashed hashed(
      Cell cell,
      String dockerfile,
      Hygiene hygiene,
      Optional<String> baseInputHash,
      Map<String, String> contextHashes) {
    MessageDigest md = sha256();
    Fields f = new Fields(md);
    Map<String, String> inputs = new TreeMap<>();
    f.add("version", VERSION);
    f.add("dockerfile", dockerfile);
    for (ContextFiles.Entry e : ContextFiles.merged(cell.contexts())) {
      String content = contentOf(e);
      f.add("context", e.relativePath() + "\0" + e.kind() + "\0" + e.mode());
      f.add("content", content);
      inputs.put(
          "context " + e.relativePath(),
          e.kind() + " " + e.mode() + (content.isEmpty() ? "" : " " + shortened(content)));
    }
    for (Map.Entry<String, String> arg : new TreeMap<>(cell.args()).entrySet()) {
      f.add("arg", arg.getKey() + "=" + arg.getValue());
    }
    f.add("packageManager", cell.packageManager().yamlName());
    f.add("hygiene", "cleanApt=" + hygiene.aptLists());
    f.add("base", describe(cell.base()));
    f.add("baseHash", baseInputHash.orElse(""));
    inputs.put("package manager", cell.packageManager().yamlName());
    inputs.put("hygiene", "cleanApt=" + hygiene.aptLists());
    inputs.put("base", label(cell.base()));
    baseInputHash.ifPresent(h -> inputs.put("base image", "input " + shortened(h)));
    // Added only when declared, so that the other cells' hashes stay as they were.
    cell.namedContexts().forEach((name, c) -> named(f, inputs, name, c, contextHashes));
    return new Hashed(HexFormat.of().formatHex(md.digest()), inputs);
  }

  private static void named(
      Fields f,
      Map<String, String> inputs,
      String name,
      NamedContextSpec c,
      Map<String, String> contextHashes) {
    if (c instanceof NamedContextSpec.CellRef ref) {
      String h = contextHashes.getOrDefault(ref.id(), "");
      f.add("namedContext", name + "\0cell\0" + ref.id() + "\0" + h);
      inputs.put("named context " + name, "cell " + ref.id() + ", input " + shortened(h));
      return;
    }
    f.add("namedContext", name + "\0dir");
    MessageDigest all = sha256();
    for (ContextFiles.Entry e : ContextFiles.merged(List.of(((NamedContextSpec.Dir) c).path()))) {
      String content = contentOf(e);
      String entry = e.relativePath() + "\0" + e.kind() + "\0" + e.mode();
      f.add("namedContextFile", name + "\0" + entry);
      f.add("content", content);
      all.update((entry + "\0" + content + "\0").getBytes(StandardCharsets.UTF_8));
      inputs.put(
          "context " + name + ":" + e.relativePath(),
          e.kind() + " " + e.mode() + (content.isEmpty() ? "" : " " + shortened(content)));
    }
    inputs.put(
        "named context " + name,
        "dir, content " + shortened(HexFormat.of().formatHex(all.digest())));
  }

  /** A digest cut to 12 hex digits as reviews show hashes; other text (link targets) is kept. */
  private static String shortened(String s) {
    return s.matches("[0-9a-f]{64}") ? s.substring(0, 12) : s;
  }

  /** A cell's input hash and its labelled inputs. */
  record Hashed(String hash, Map<String, String> inputs) {
    Hashed {
      inputs = Collections.unmodifiableMap(new TreeMap<>(inputs));
    }
  }

  /** The base as a review shows it: every declared part named. */
  private static String label(Base base) {
    if (!(base instanceof Base.Bootstrap b)) {
      return describe(base);
    }
    StringBuilder s = new StringBuilder("bootstrap " + b.suite() + ", variant " + b.variant());
    s.append(", components ").append(String.join(",", b.components()));
    if (!b.packages().isEmpty()) {
      s.append(", packages ").append(String.join(",", b.packages()));
    }
    b.mirror().ifPresent(m -> s.append(", mirror ").append(m));
    b.archiveKey()
        .ifPresent(
            k ->
                s.append(", key ")
                    .append(k.fingerprint())
                    .append(" from ")
                    .append(k.packageName())
                    .append(" /")
                    .append(k.file()));
    return s.toString();
  }

  private static String describe(Base base) {
    if (base instanceof Base.Bootstrap b) {
      return String.join(
              " ",
              "bootstrap",
              b.suite(),
              b.variant(),
              String.join(",", b.components()),
              String.join(",", b.packages()),
              b.mirror().orElse(""))
          // Appended only when declared, so that the other cells' hashes stay as they were.
          + b.archiveKey()
              .map(k -> " key " + k.packageName() + " " + k.file() + " " + k.fingerprint())
              .orElse("");
    }
    if (base instanceof Base.Registry r) {
      return "image " + r.reference();
    }
    return "cell " + ((Base.CellRef) base).id();
  }

  /** The sha256 of a file entry's content, a link's target, "" for a directory. */
  static String contentOf(ContextFiles.Entry e) {
    try {
      return switch (e.kind()) {
        case "file" -> fileDigest(e.file());
        case "link" -> Files.readSymbolicLink(e.file()).toString();
        default -> "";
      };
    } catch (IOException ex) {
      throw new UncheckedIOException("reading " + e.file() + ": " + ex.getMessage(), ex);
    }
  }

  private static String fileDigest(Path file) throws IOException {
    MessageDigest md = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }

  /** Length-prefixed fields, so no two different inputs can produce the same byte stream. */
  private record Fields(MessageDigest md) {
    void add(String name, String value) {
      for (String s : List.of(name, value)) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        md.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
        md.update(b);
      }
    }
  }
}
