package dev.osimages.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * ARCHITECTURE.md's package rules, checked on the compiled main classes: every package has its row
 * in the table (in dependency order), a package uses only the packages its row allows (all of them
 * above it, so there can be no cycle; the cycle check names one should the table ever allow it),
 * and each third-party library is used only by the packages that wrap it. The section "Packages and
 * rules" of ARCHITECTURE.md holds the same table; change both together.
 */
@AnalyzeClasses(
    packages = ArchitectureTest.ROOT,
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  static final String ROOT = "dev.osimages.engine";

  /** Any package above: for {@code run} and {@code cli}, which put the others together. */
  private static final String ABOVE = "*";

  /**
   * Each package (lowest first; "" is the root package: EngineException, ExitCode) and the engine
   * packages it may use besides itself.
   */
  static final Map<String, List<String>> MAY_USE = new LinkedHashMap<>();

  static {
    allow("model");
    allow("", "model");
    allow("event");
    allow("files");
    allow("host", "");
    allow("state", "host");
    allow("archive", "", "host");
    allow("cache", "files", "host", "state");
    allow("json");
    allow("registry", "", "event", "files", "host", "json");
    allow("declaration", "", "files", "model");
    allow("matrix", "declaration", "model");
    allow("render", "");
    allow("plan", "", "declaration", "host", "matrix", "model", "render");
    allow("dockerfile", "");
    allow("base", "", "archive", "event", "host", "json", "model", "registry");
    allow("builder", "", "archive", "base", "dockerfile", "event", "host", "model");
    allow(
        "builder.chroot",
        "",
        "archive",
        "base",
        "builder",
        "cache",
        "dockerfile",
        "event",
        "host",
        "model",
        "registry",
        "state");
    allow(
        "builder.docker",
        "",
        "archive",
        "base",
        "builder",
        "dockerfile",
        "event",
        "host",
        "json",
        "model",
        "registry");
    allow("export.tar", "", "host");
    allow("export.lz4", "");
    allow("repro", "", "host", "export.tar", "export.lz4");
    allow("sbom", "", "json");
    allow("provenance", "", "host", "json");
    allow("signing", "", "json");
    allow("export.packages", "", "host", "model", "sbom");
    allow(
        "export",
        "",
        "archive",
        "event",
        "files",
        "host",
        "json",
        "model",
        "sbom",
        "provenance",
        "signing",
        "export.tar",
        "export.lz4",
        "export.packages");
    allow(
        "push",
        "",
        "dockerfile",
        "event",
        "export",
        "export.lz4",
        "files",
        "host",
        "model",
        "plan",
        "registry",
        "signing",
        "state");
    allow("verify.matcher", "");
    allow("verify.resource", "", "verify.matcher");
    allow(
        "verify.gossfile",
        "",
        "declaration",
        "files",
        "json",
        "model",
        "verify.matcher",
        "verify.resource");
    allow("verify.targets", "", "host", "model", "verify.resource");
    allow("verify", "", "event", "model", "verify.gossfile", "verify.resource", "verify.targets");
    allow("verify.report", "", "json", "verify", "verify.matcher", "verify.resource");
    allow("run", ABOVE);
    allow("review", "", "host", "model", "plan");
    allow("release", "", "export", "files", "host");
    allow("cli", ABOVE);
  }

  private static final List<String> ORDER = List.copyOf(MAY_USE.keySet());

  private static void allow(String pkg, String... uses) {
    for (String u : uses) {
      if (!u.equals(ABOVE) && !MAY_USE.containsKey(u)) {
        throw new IllegalStateException(pkg + " may use " + u + ", which is not above it");
      }
    }
    MAY_USE.put(pkg, List.of(uses));
  }

  /** Each third-party library (its Java packages) and the only engine packages that may use it. */
  static final Map<String, List<String>> LIBRARIES = new LinkedHashMap<>();

  static {
    LIBRARIES.put("org.yaml.snakeyaml..", List.of("declaration", "verify.gossfile"));
    LIBRARIES.put("org.everit.json.schema..", List.of("declaration"));
    LIBRARIES.put("org.json..", List.of("json", "declaration", "registry", "push"));
    LIBRARIES.put("land.oras..", List.of("registry"));
    LIBRARIES.put("com.github.luben.zstd..", List.of("push"));
    LIBRARIES.put("com.github.mustachejava..", List.of("render"));
    LIBRARIES.put("org.apache.commons.compress..", List.of("export.tar"));
    LIBRARIES.put("net.jpountz..", List.of("export.lz4"));
    LIBRARIES.put("com.github.difflib..", List.of("review"));
    LIBRARIES.put("com.github.dockerjava..", List.of("builder.docker"));
    LIBRARIES.put("picocli..", List.of("cli"));
    LIBRARIES.put("org.cyclonedx..", List.of("sbom"));
    LIBRARIES.put("com.github.packageurl..", List.of("sbom"));
    LIBRARIES.put("org.bouncycastle..", List.of("signing"));
  }

  private static final Map<String, PackageMatcher> MATCHERS = new LinkedHashMap<>();

  static {
    LIBRARIES.keySet().forEach(l -> MATCHERS.put(l, PackageMatcher.of(l)));
  }

  @ArchTest
  static final ArchRule packagesUseOnlyWhatTheirRowAllows =
      classes().should(new Layering()).because("ARCHITECTURE.md's table says what each may use");

  @ArchTest
  static final ArchRule everyPackageHasItsPlaceInTheOrder =
      classes()
          .should()
          .resideInAnyPackage(
              MAY_USE.keySet().stream().map(ArchitectureTest::pkg).toArray(String[]::new))
          .because("a new package gets its row in ARCHITECTURE.md's table first");

  @ArchTest
  static final ArchRule librariesStayInTheirWrappingPackage =
      classes().should(new Confinement()).because("ARCHITECTURE.md names each library's owner");

  @ArchTest
  static final ArchRule onlyDeclaredLibrariesAreUsed =
      classes()
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              Stream.concat(
                      Stream.of("java..", "javax..", ROOT + ".."), LIBRARIES.keySet().stream())
                  .toArray(String[]::new))
          .because("a library the engine uses is listed in ARCHITECTURE.md with its owner");

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching(ROOT + ".(**)").should().beFreeOfCycles();

  /** A class's engine dependencies must be its own package or ones its row allows. */
  private static final class Layering extends ArchCondition<JavaClass> {
    Layering() {
      super("use only their own package and the packages their row allows");
    }

    @Override
    public void check(JavaClass c, ConditionEvents events) {
      String own = name(c.getPackageName());
      List<String> allowed = MAY_USE.get(own);
      if (allowed == null) {
        return; // reported by everyPackageHasItsPlaceInTheOrder
      }
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = d.getTargetClass().getPackageName();
        if (!inEngine(target) || name(target).equals(own)) {
          continue;
        }
        String used = name(target);
        boolean ok =
            allowed.contains(used)
                || (allowed.contains(ABOVE) && ORDER.indexOf(used) < ORDER.indexOf(own));
        if (!ok) {
          events.add(
              SimpleConditionEvent.violated(
                  d, show(own) + " must not use " + show(used) + ": " + d.getDescription()));
        }
      }
    }
  }

  /** A library's types may be used only by the packages {@link #LIBRARIES} names for it. */
  private static final class Confinement extends ArchCondition<JavaClass> {
    Confinement() {
      super("use a third-party library only in the package that wraps it");
    }

    @Override
    public void check(JavaClass c, ConditionEvents events) {
      String own = name(c.getPackageName());
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = d.getTargetClass().getPackageName();
        LIBRARIES.forEach(
            (library, owners) -> {
              if (!owners.contains(own) && MATCHERS.get(library).matches(target)) {
                events.add(
                    SimpleConditionEvent.violated(
                        d,
                        library
                            + " belongs to "
                            + String.join(", ", owners)
                            + ", not "
                            + show(own)
                            + ": "
                            + d.getDescription()));
              }
            });
      }
    }
  }

  private static boolean inEngine(String javaPackage) {
    return javaPackage.equals(ROOT) || javaPackage.startsWith(ROOT + ".");
  }

  private static String show(String name) {
    return name.isEmpty() ? "the root package" : name;
  }

  private static String name(String javaPackage) {
    return javaPackage.equals(ROOT) ? "" : javaPackage.substring(ROOT.length() + 1);
  }

  private static String pkg(String name) {
    return name.isEmpty() ? ROOT : ROOT + "." + name;
  }
}
