package dev.osimages.engine.matrix;

import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.model.Distro;
import dev.osimages.engine.model.DistroVersion;
import dev.osimages.engine.model.Hygiene;
import dev.osimages.engine.model.Output;
import dev.osimages.engine.model.PackageManager;
import dev.osimages.engine.model.SourceMap;
import dev.osimages.engine.model.SourcePosition;
import dev.osimages.engine.model.TargetKind;
import dev.osimages.engine.model.TestSpec;
import dev.osimages.engine.model.Variant;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small declaration built in code, shaped like the shipped one. */
final class Declarations {
  static final SourcePosition AT = new SourcePosition("images.yaml", 1, 1);

  private Declarations() {}

  static Base bootstrap(String suite) {
    return new Base.Bootstrap(
        suite, "minbase", List.of("main"), List.of(), Optional.empty(), Optional.empty());
  }

  static Declaration sample(Path dir) {
    Distro debian =
        new Distro(
            "debian",
            PackageManager.DPKG,
            "templates/debian.mustache",
            List.of("contexts/common", "contexts/debian"),
            Map.of("KERNEL", "linux-image-amd64", "SHARED", "distro"),
            List.of(
                new DistroVersion("12", Map.of("CODENAME", "bookworm"), bootstrap("bookworm"), AT),
                new DistroVersion(
                    "13",
                    Map.of("CODENAME", "trixie", "SHARED", "version"),
                    bootstrap("trixie"),
                    AT)),
            AT);
    Distro alma =
        new Distro(
            "almalinux",
            PackageManager.RPM,
            "templates/alma.mustache",
            List.of("contexts/common"),
            Map.of(),
            List.of(new DistroVersion("9", Map.of(), new Base.Registry("almalinux:9"), AT)),
            AT);
    Variant firewall =
        new Variant(
            "firewall",
            "3.0-${base.os}",
            List.of("debian/13", "almalinux/9"),
            "templates/firewall.mustache",
            List.of("contexts/firewall"),
            Map.of("SHARED", "variant"),
            AT);
    Variant hardened =
        new Variant(
            "hardened",
            "${base.version}",
            List.of("firewall/3.0-debian"),
            "templates/hardened.mustache",
            List.of(),
            Map.of(),
            AT);
    TestSpec machine =
        new TestSpec(
            "machine",
            "goss/machine.yaml",
            List.of("debian/*"),
            List.of(TargetKind.ROOTFS),
            Map.of("admin_user", "metal"),
            AT);
    return new Declaration(
        dir.resolve("images.yaml"),
        dir,
        new Output(
            "out", "stable", 9, Output.DEFAULT_HC_MIN_SAVING, List.of("metal/{os}:{version}")),
        Hygiene.declared(true),
        Map.of("SHARED", "default", "ADMIN", "metal"),
        List.of(debian, alma),
        // hardened is declared before its base's variant on purpose: order must not matter.
        List.of(hardened, firewall),
        List.of(machine),
        List.of(),
        new SourceMap("images.yaml", Map.of()));
  }
}
