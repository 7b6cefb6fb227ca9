package dev.osimages.engine.declaration;

import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.model.Distro;
import dev.osimages.engine.model.DistroVersion;
import dev.osimages.engine.model.Hygiene;
import dev.osimages.engine.model.NamedContextSpec;
import dev.osimages.engine.model.NetworkMode;
import dev.osimages.engine.model.NetworkPolicy;
import dev.osimages.engine.model.Output;
import dev.osimages.engine.model.PackageManager;
import dev.osimages.engine.model.PrepareSpec;
import dev.osimages.engine.model.Profile;
import dev.osimages.engine.model.SecretSpec;
import dev.osimages.engine.model.TargetKind;
import dev.osimages.engine.model.TestSpec;
import dev.osimages.engine.model.Variant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds the {@link Declaration} records from a tree that passed the schema check, filling in the
 * schema's defaults. The schema has already vouched for every type, so this class only reads.
 */
final class DeclarationReader {
  private static final YamlValue.Mapping EMPTY = new YamlValue.Mapping(List.of(), null);

  private DeclarationReader() {}

  /** The declaration in {@code root}, loaded from {@code file} (as the operator named it). */
  static Declaration read(YamlValue root, Path file) {
    YamlValue.Mapping doc = (YamlValue.Mapping) root;
    String name = file.toString();
    Path baseDir = file.toAbsolutePath().normalize().getParent();
    List<Distro> distros = new ArrayList<>();
    for (YamlValue.Entry e : map(doc, "distros").entries()) {
      distros.add(distro(e));
    }
    List<Variant> variants = new ArrayList<>();
    for (YamlValue.Entry e : map(doc, "variants").entries()) {
      variants.add(variant(e));
    }
    List<TestSpec> tests = new ArrayList<>();
    for (YamlValue item : list(doc, "tests")) {
      tests.add(test((YamlValue.Mapping) item));
    }
    List<Profile> profiles = new ArrayList<>();
    for (YamlValue.Entry e : map(doc, "profiles").entries()) {
      YamlValue.Mapping m = (YamlValue.Mapping) e.value();
      profiles.add(
          new Profile(
              e.key(), str(m, "description", ""), Values.args(map(m, "args")), e.keyPosition()));
    }
    return new Declaration(
        file,
        baseDir,
        output(map(doc, "output")),
        Hygiene.declared(bool(map(doc, "hygiene"), "cleanApt", true)),
        Values.args(map(doc, "args")),
        distros,
        variants,
        tests,
        profiles,
        SourceMaps.of(root, name),
        secrets(map(doc, "secrets")),
        network(doc));
  }

  /** The {@code network} settings of {@code parent}, those it leaves out unset. */
  private static NetworkPolicy network(YamlValue.Mapping parent) {
    YamlValue.Mapping n = map(parent, "network");
    Optional<YamlValue> mode = n.get("default");
    return new NetworkPolicy(
        mode.map(v -> NetworkMode.of((String) Values.plain(v)).orElseThrow()),
        n.get("allowHost").map(v -> (Boolean) Values.plain(v)),
        mode.map(YamlValue::position).orElse(NetworkPolicy.UNSET.position()));
  }

  private static Output output(YamlValue.Mapping m) {
    YamlValue.Mapping compression = map(m, "compression");
    int level = compression.get("level").map(v -> ((Number) Values.plain(v)).intValue()).orElse(9);
    int hcMinSaving =
        compression
            .get("hcMinSaving")
            .map(v -> ((Number) Values.plain(v)).intValue())
            .orElse(Output.DEFAULT_HC_MIN_SAVING);
    YamlValue.Mapping registry = map(m, "registry");
    YamlValue.Mapping cache = map(m, "cache");
    java.util.OptionalLong epoch =
        m.get("sourceDateEpoch")
            .map(v -> java.util.OptionalLong.of(((Number) Values.plain(v)).longValue()))
            .orElse(java.util.OptionalLong.empty());
    return new Output(
        str(m, "root", ""),
        str(m, "channel", "stable"),
        level,
        hcMinSaving,
        strings(m, "tags"),
        new Output.Registry(
            str(registry, "prefix", ""),
            strings(registry, "tags"),
            str(registry, "compression", "gzip")),
        new Output.Cache(
            cache.get("maxSize").map(v -> String.valueOf(Values.plain(v))),
            cache.get("keepDays").map(v -> ((Number) Values.plain(v)).intValue())),
        epoch);
  }

  private static Distro distro(YamlValue.Entry e) {
    YamlValue.Mapping m = (YamlValue.Mapping) e.value();
    List<DistroVersion> versions = new ArrayList<>();
    for (YamlValue.Entry v : map(m, "versions").entries()) {
      YamlValue.Mapping vm = (YamlValue.Mapping) v.value();
      versions.add(
          new DistroVersion(
              v.key(),
              Values.args(map(vm, "args")),
              base(map(vm, "base")),
              v.keyPosition(),
              network(vm)));
    }
    PackageManager pm =
        PackageManager.valueOf(str(m, "packageManager", "").toUpperCase(Locale.ROOT));
    return new Distro(
        e.key(),
        pm,
        str(m, "template", ""),
        strings(m, "contexts"),
        Values.args(map(m, "args")),
        versions,
        e.keyPosition(),
        namedContexts(map(m, "namedContexts")),
        network(m));
  }

  private static java.util.Map<String, NamedContextSpec> namedContexts(YamlValue.Mapping m) {
    java.util.Map<String, NamedContextSpec> out = new java.util.LinkedHashMap<>();
    for (YamlValue.Entry e : m.entries()) {
      YamlValue.Mapping c = (YamlValue.Mapping) e.value();
      out.put(
          e.key(),
          c.get("cell").isPresent()
              ? new NamedContextSpec.CellRef(str(c, "cell", ""))
              : new NamedContextSpec.Dir(Path.of(str(c, "dir", ""))));
    }
    return out;
  }

  private static java.util.Map<String, SecretSpec> secrets(YamlValue.Mapping m) {
    java.util.Map<String, SecretSpec> out = new java.util.LinkedHashMap<>();
    for (YamlValue.Entry e : m.entries()) {
      YamlValue.Mapping c = (YamlValue.Mapping) e.value();
      out.put(
          e.key(),
          c.get("env").isPresent()
              ? new SecretSpec.Env(str(c, "env", ""))
              : new SecretSpec.File(str(c, "file", "")));
    }
    return out;
  }

  private static Base base(YamlValue.Mapping m) {
    if (m.get("image").isPresent()) {
      return new Base.Registry(str(m, "image", ""));
    }
    if (m.get("cell").isPresent()) {
      return new Base.CellRef(str(m, "cell", ""));
    }
    YamlValue.Mapping b = map(m, "bootstrap");
    List<String> components = strings(b, "components");
    return new Base.Bootstrap(
        str(b, "suite", ""),
        str(b, "variant", "minbase"),
        components.isEmpty() ? List.of("main") : components,
        strings(b, "packages"),
        Optional.ofNullable(str(b, "mirror", null)),
        b.get("archiveKey").map(k -> archiveKey(map(b, "archiveKey"))),
        Optional.ofNullable(str(b, "snapshot", null)));
  }

  private static Base.ArchiveKey archiveKey(YamlValue.Mapping k) {
    return new Base.ArchiveKey(
        str(k, "package", ""),
        str(k, "file", "").replaceFirst("^/+", ""),
        str(k, "fingerprint", ""));
  }

  private static Variant variant(YamlValue.Entry e) {
    YamlValue.Mapping m = (YamlValue.Mapping) e.value();
    return new Variant(
        e.key(),
        str(m, "version", ""),
        strings(m, "bases"),
        str(m, "template", ""),
        strings(m, "contexts"),
        Values.args(map(m, "args")),
        e.keyPosition(),
        namedContexts(map(m, "namedContexts")),
        network(m));
  }

  private static TestSpec test(YamlValue.Mapping m) {
    List<TargetKind> targets = new ArrayList<>();
    for (String t : strings(m, "targets")) {
      targets.add(TargetKind.valueOf(t.toUpperCase(Locale.ROOT)));
    }
    List<String> nics = new ArrayList<>();
    for (YamlValue nic : list(m, "nics")) {
      nics.add(str((YamlValue.Mapping) nic, "mac", ""));
    }
    return new TestSpec(
        str(m, "name", ""),
        str(m, "suite", ""),
        strings(m, "images"),
        targets,
        Values.vars(map(m, "vars")),
        Values.args(map(m, "env")),
        m.get("prepare").map(p -> prepare((YamlValue.Mapping) p)),
        nics,
        m.position());
  }

  private static PrepareSpec prepare(YamlValue.Mapping p) {
    List<PrepareSpec.File> files = new ArrayList<>();
    for (YamlValue f : list(p, "files")) {
      YamlValue.Mapping fm = (YamlValue.Mapping) f;
      String mode = str(fm, "mode", null);
      files.add(
          new PrepareSpec.File(
              str(fm, "from", ""),
              str(fm, "to", ""),
              mode == null ? null : Integer.parseInt(mode, 8)));
    }
    return new PrepareSpec(
        files, strings(p, "run"), Values.args(map(p, "env")), duration(str(p, "timeout", null)));
  }

  /** A duration the schema has checked: digits and one unit, s, m or h. */
  private static Duration duration(String text) {
    if (text == null) {
      return PrepareSpec.DEFAULT_TIMEOUT;
    }
    long n = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 'h' -> Duration.ofHours(n);
      case 'm' -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    };
  }

  static YamlValue.Mapping map(YamlValue.Mapping m, String key) {
    return m.get(key).map(v -> (YamlValue.Mapping) v).orElse(EMPTY);
  }

  private static List<YamlValue> list(YamlValue.Mapping m, String key) {
    return m.get(key).map(v -> ((YamlValue.Sequence) v).items()).orElse(List.of());
  }

  private static String str(YamlValue.Mapping m, String key, String fallback) {
    return m.get(key).map(v -> (String) Values.plain(v)).orElse(fallback);
  }

  private static boolean bool(YamlValue.Mapping m, String key, boolean fallback) {
    return m.get(key).map(v -> (Boolean) Values.plain(v)).orElse(fallback);
  }

  private static List<String> strings(YamlValue.Mapping m, String key) {
    return list(m, key).stream().map(v -> (String) Values.plain(v)).toList();
  }
}
