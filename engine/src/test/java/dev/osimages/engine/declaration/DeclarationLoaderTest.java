package dev.osimages.engine.declaration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.InvalidDeclarationException;
import dev.osimages.engine.ShippedTree;
import dev.osimages.engine.host.Trees;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.model.Distro;
import dev.osimages.engine.model.Hygiene;
import dev.osimages.engine.model.PackageManager;
import dev.osimages.engine.model.Problem;
import dev.osimages.engine.model.Profile;
import dev.osimages.engine.model.SourcePosition;
import dev.osimages.engine.model.TargetKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeclarationLoaderTest {
  @TempDir Path dir;

  /** The repository's images.yaml, whichever directory the tests run from. */
  private static Path shipped() {
    Path p = Path.of("../images.yaml");
    return Files.exists(p) ? p : Path.of("images.yaml");
  }

  /** Copies the shipped declaration with everything it names into {@code dir}. */
  private Path shippedWithFiles() throws IOException {
    return ShippedTree.copyTo(dir);
  }

  @Test
  void load_shippedDeclaration_buildsTheModelInFileOrder() throws IOException {
    Path file = shippedWithFiles();

    LoadedDeclaration loaded = DeclarationLoader.load(file);

    Declaration d = loaded.declaration();
    assertThat(loaded.warnings()).isEmpty();
    assertThat(d.file()).isEqualTo(file);
    assertThat(d.baseDir()).isEqualTo(dir.toAbsolutePath().normalize());
    assertThat(d.distros())
        .extracting(Distro::name)
        .containsExactly("debian", "ubuntu", "almalinux");
    Distro debian = d.distros().get(0);
    assertThat(debian.packageManager()).isEqualTo(PackageManager.DPKG);
    assertThat(debian.contexts())
        .containsExactly("contexts/common", "contexts/worker", "contexts/debian", "contexts/build");
    assertThat(debian.versions().get(1).version()).isEqualTo("13");
    assertThat(debian.versions().get(1).args()).containsEntry("KERNEL_SERIES", "6.12");
    assertThat(debian.versions().get(1).base())
        .isEqualTo(
            new Base.Bootstrap(
                "trixie",
                "minbase",
                List.of("main", "contrib", "non-free-firmware"),
                List.of(),
                Optional.empty(),
                Optional.empty()));
    assertThat(d.distros().get(1).versions().get(0).base())
        .isEqualTo(
            new Base.Bootstrap(
                "noble",
                "minbase",
                List.of("main", "universe"),
                List.of("apt"),
                Optional.empty(),
                Optional.of(
                    new Base.ArchiveKey(
                        "ubuntu-keyring",
                        "usr/share/keyrings/ubuntu-archive-keyring.gpg",
                        "F6ECB3762474EDA9D21B7022871920D1991BC93C"))));
    assertThat(d.distros().get(2).versions().get(0).base())
        .isEqualTo(new Base.Registry("almalinux:9"));
    assertThat(d.variants().get(0).bases()).containsExactly("ubuntu/24.04", "debian/13");
    assertThat(
            d.tests().stream()
                .filter(t -> t.name().equals("firewall"))
                .findFirst()
                .orElseThrow()
                .targets())
        .containsExactly(TargetKind.ROOTFS, TargetKind.BOOT);
    assertThat(d.tests().get(0).vars()).containsEntry("package_manager", "dpkg");
    assertThat(d.profiles()).extracting(Profile::name).containsExactly("distro");
    assertThat(d.profile("distro").orElseThrow().args()).containsEntry("LLDPD_URL", "");
    assertThat(d.output().compressionLevel()).isEqualTo(9);
    assertThat(d.hygiene()).isEqualTo(Hygiene.declared(true));
  }

  @Test
  void load_sourceMap_knowsValuesAndKeys() throws IOException {
    Declaration d = DeclarationLoader.load(shippedWithFiles()).declaration();
    String f = d.file().toString();

    assertThat(d.sources().at("distros.debian.versions.\"13\".args.CODENAME").line()).isPositive();
    assertThat(d.sources().at("variants.firewall.bases[1]"))
        .isEqualTo(d.sources().positions().get("variants.firewall.bases[1]"));
    assertThat(d.sources().positions()).containsKey("distros.debian#key");
    assertThat(d.sources().at("nowhere")).isEqualTo(SourcePosition.unknown(f));
  }

  /** A one-distro declaration with the given {@code output:} mapping (flow style). */
  private Declaration oneDistro(String output) throws IOException {
    Path file = dir.resolve("images.yaml");
    Files.writeString(dir.resolve("t"), "FROM x\n");
    Files.writeString(
        file,
        "output: "
            + output
            + "\ndistros:\n  d:\n    packageManager: rpm\n    template: t\n"
            + "    versions:\n      \"1\": {base: {bootstrap: {suite: s}}}\n");
    return DeclarationLoader.load(file).declaration();
  }

  @Test
  void load_hcMinSaving_zeroPutsEveryBlockThroughHc() throws IOException {
    Declaration d = oneDistro("{root: out, compression: {level: 12, hcMinSaving: 0}}");

    assertThat(d.output().compressionLevel()).isEqualTo(12);
    assertThat(d.output().hcMinSaving()).isZero();
  }

  @Test
  void load_cacheBounds_areReadAsWritten() throws IOException {
    Declaration d = oneDistro("{root: out, cache: {maxSize: 8G, keepDays: 7}}");

    assertThat(d.output().cache().maxBytes()).contains(8L << 30);
    assertThat(d.output().cache().keepDays()).contains(7);
    assertThat(d.output().cache().bounded()).isTrue();
  }

  @Test
  void load_defaults_areFilledIn() throws IOException {
    Declaration d = oneDistro("{root: out}");

    assertThat(d.output().channel()).isEqualTo("stable");
    assertThat(d.output().compressionLevel()).isEqualTo(9);
    assertThat(d.output().hcMinSaving()).isEqualTo(10);
    assertThat(d.output().cache().bounded()).isFalse();
    assertThat(d.hygiene()).isEqualTo(Hygiene.declared(true));
    assertThat(d.variants()).isEmpty();
    assertThat(d.distros().get(0).versions().get(0).base())
        .isEqualTo(
            new Base.Bootstrap(
                "s", "minbase", List.of("main"), List.of(), Optional.empty(), Optional.empty()));
  }

  @Test
  void load_contextSymlinkOutOfTheDirectory_isAnError() throws IOException {
    Path file = shippedWithFiles();
    Trees.delete(dir.resolve("contexts/nvidia"));
    Files.createSymbolicLink(dir.resolve("contexts/nvidia"), Path.of("/etc"));

    assertThatThrownBy(() -> DeclarationLoader.load(file))
        .isInstanceOf(InvalidDeclarationException.class)
        .hasMessageContaining(
            "variants.debian-nvidia.contexts[0]: context directory 'contexts/nvidia' leads out of"
                + " the declaration's directory through a symbolic link");
  }

  @Test
  void load_symlinkInsideTheDirectory_isFine() throws IOException {
    Path file = shippedWithFiles();
    Trees.delete(dir.resolve("contexts/nvidia"));
    Files.createSymbolicLink(dir.resolve("contexts/nvidia"), Path.of("debian"));

    assertThat(DeclarationLoader.load(file).warnings()).isEmpty();
  }

  @Test
  void load_templateThatIsADirectory_isAnError() throws IOException {
    Path file = shippedWithFiles();
    Files.delete(dir.resolve("templates/nvidia.Dockerfile.mustache"));
    Files.createDirectory(dir.resolve("templates/nvidia.Dockerfile.mustache"));

    assertThatThrownBy(() -> DeclarationLoader.load(file))
        .hasMessageContaining("template file 'templates/nvidia.Dockerfile.mustache' is not a file");
  }

  @Test
  void load_unmatchedTestGlob_isAWarningOnly() throws IOException {
    Path file = shippedWithFiles();
    Files.writeString(file, Files.readString(file).replace("\"firewall/*\"", "\"firewal/*\""));
    List<String> lines = Files.readAllLines(file);
    int line =
        1
            + lines.stream()
                .filter(l -> l.contains("\"firewal/*\""))
                .findFirst()
                .map(lines::indexOf)
                .orElseThrow();
    int column = 1 + lines.get(line - 1).indexOf("\"firewal/*\"");

    LoadedDeclaration loaded = DeclarationLoader.load(file);
    int index =
        loaded.declaration().tests().stream()
            .map(t -> t.images().contains("firewal/*"))
            .toList()
            .indexOf(true);

    assertThat(loaded.warnings())
        .extracting(Problem::format)
        .containsExactly(
            file
                + ":"
                + line
                + ":"
                + column
                + ": warning: tests["
                + index
                + "].images[0]: 'firewal/*' matches no image");
  }

  @Test
  void load_missingFile_namesItAsGiven() {
    assertThatThrownBy(() -> DeclarationLoader.load(Path.of("no/such/images.yaml")))
        .isInstanceOf(InvalidDeclarationException.class)
        .hasMessage("no/such/images.yaml: no such file\n1 error; nothing was written.");
  }

  @Test
  void load_notUtf8_isAnError() throws IOException {
    Path file = dir.resolve("images.yaml");
    Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});

    assertThatThrownBy(() -> DeclarationLoader.load(file)).hasMessageContaining(": not UTF-8 text");
  }
}
