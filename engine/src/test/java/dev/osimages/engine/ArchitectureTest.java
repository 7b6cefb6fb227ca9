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
 * ARCHITECTURE.md's package rules, checked on the compiled main classes: the package order (a
 * package uses only itself and packages above it, so there can be no cycle), every package placed
 * in that order, and each third-party library used only by the package that wraps it. The section
 * "Packages" of ARCHITECTURE.md lists the same order and owners; change both together.
 */
@AnalyzeClasses(
    packages = ArchitectureTest.ROOT,
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  static final String ROOT = "dev.osimages.engine";

  /** Lowest first, in data-flow order; "" is the root package (EngineException, ExitCode). */
  static final List<String> ORDER =
      List.of(
          "model",
          "",
          "event",
          "files",
          "host",
          "json",
          "state",
          "declaration",
          "matrix",
          "render",
          "plan",
          "dockerfile",
          "base",
          "builder",
          "builder.chroot",
          "builder.docker",
          "export.tar",
          "export.lz4",
          "export.packages",
          "export",
          "verify.matcher",
          "verify.resource",
          "verify.gossfile",
          "verify.targets",
          "verify",
          "verify.report",
          "run",
          "review",
          "release",
          "cli");

  /** Each third-party library (its Java packages) and the only engine packages that may use it. */
  static final Map<String, List<String>> LIBRARIES = new LinkedHashMap<>();

  static {
    LIBRARIES.put("org.yaml.snakeyaml..", List.of("declaration", "verify.gossfile"));
    LIBRARIES.put("org.everit.json.schema..", List.of("declaration"));
    LIBRARIES.put("org.json..", List.of("json", "declaration"));
    LIBRARIES.put("com.github.mustachejava..", List.of("render"));
    LIBRARIES.put("org.apache.commons.compress..", List.of("export.tar"));
    LIBRARIES.put("net.jpountz..", List.of("export.lz4"));
    LIBRARIES.put("com.github.difflib..", List.of("review"));
    LIBRARIES.put("com.github.dockerjava..", List.of("builder.docker"));
    LIBRARIES.put("picocli..", List.of("cli"));
  }

  @ArchTest
  static final ArchRule packagesUseOnlyPackagesAboveThem =
      classes().should(new Layering()).because("ARCHITECTURE.md orders the packages");

  @ArchTest
  static final ArchRule everyPackageHasItsPlaceInTheOrder =
      classes()
          .should()
          .resideInAnyPackage(ORDER.stream().map(ArchitectureTest::pkg).toArray(String[]::new))
          .because("a new package must be placed in ARCHITECTURE.md's package order");

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

  /** A class's engine dependencies must sit at or above its own package in {@link #ORDER}. */
  private static final class Layering extends ArchCondition<JavaClass> {
    Layering() {
      super("use only their own package and packages above it in the order");
    }

    @Override
    public void check(JavaClass c, ConditionEvents events) {
      int own = rank(c.getPackageName());
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = d.getTargetClass().getPackageName();
        if (own >= 0 && rank(target) > own) {
          events.add(
              SimpleConditionEvent.violated(
                  d,
                  name(c.getPackageName())
                      + " must not use "
                      + name(target)
                      + ", which comes after it: "
                      + d.getDescription()));
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
              if (PackageMatcher.of(library).matches(target) && !owners.contains(own)) {
                events.add(
                    SimpleConditionEvent.violated(
                        d,
                        library
                            + " belongs to "
                            + String.join(", ", owners)
                            + ", not "
                            + own
                            + ": "
                            + d.getDescription()));
              }
            });
      }
    }
  }

  private static int rank(String javaPackage) {
    return javaPackage.equals(ROOT) || javaPackage.startsWith(ROOT + ".")
        ? ORDER.indexOf(name(javaPackage))
        : -1;
  }

  private static String name(String javaPackage) {
    return javaPackage.equals(ROOT) ? "" : javaPackage.substring(ROOT.length() + 1);
  }

  private static String pkg(String name) {
    return name.isEmpty() ? ROOT : ROOT + "." + name;
  }
}
