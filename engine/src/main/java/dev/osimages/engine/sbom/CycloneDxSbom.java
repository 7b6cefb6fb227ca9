package dev.osimages.engine.sbom;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.ExternalReference;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.parsers.JsonParser;

/**
 * Writes an image's SBOM as CycloneDX 1.6 JSON with the CycloneDX library, and validates documents
 * with the library's own schema validator. The OS is the root component ({@code
 * metadata.component}, type operating-system, as scanners detect the distribution); every package
 * of the inventory is a library component with its purl (also its bom-ref), licenses and source
 * package; files the templates added are file components with their sha256; {@code dependencies}
 * hold each package's resolved dependencies and the root's dependence on every package and file.
 */
public final class CycloneDxSbom {
  /** The file name in an image set. */
  public static final String FILE = "sbom.cdx.json";

  private static final Version VERSION = Version.VERSION_16;
  private static final String ROOT = "os";

  private CycloneDxSbom() {}

  /** The SBOM of {@code in} as pretty-printed JSON, checked against the schema. */
  public static String write(SbomInput in) {
    Bom bom = new Bom();
    bom.setSerialNumber("urn:uuid:" + serial(in));
    bom.setVersion(1);
    bom.setMetadata(metadata(in));
    Dependency root = new Dependency(ROOT);
    Map<String, String> purls = new java.util.HashMap<>();
    PackageInventory inv = in.inventory();
    for (InstalledPackage p : inv.packages()) {
      purls.put(p.key(), Purls.of(inv.type(), inv.os(), p));
    }
    List<Dependency> dependencies = new ArrayList<>();
    for (InstalledPackage p : inv.packages()) {
      String ref = purls.get(p.key());
      bom.addComponent(component(p, ref));
      root.addDependency(new Dependency(ref));
      Dependency d = new Dependency(ref);
      p.dependsOn().stream()
          .map(purls::get)
          .filter(r -> r != null)
          .forEach(r -> d.addDependency(new Dependency(r)));
      dependencies.add(d);
    }
    Set<String> fileRefs = new LinkedHashSet<>();
    for (AddedFile f : in.addedFiles()) {
      Component c = file(f);
      if (fileRefs.add(c.getBomRef())) {
        bom.addComponent(c);
        root.addDependency(new Dependency(c.getBomRef()));
        dependencies.add(new Dependency(c.getBomRef()));
      }
    }
    dependencies.add(0, root);
    bom.setDependencies(dependencies);
    String json;
    try {
      json = BomGeneratorFactory.createJson(VERSION, bom).toJsonString(true) + "\n";
    } catch (GeneratorException e) {
      throw new EngineException(
          in.imageId() + ": sbom: CycloneDX generator failed: " + e.getMessage(),
          ExitCode.FAILED,
          e);
    }
    List<String> problems = validate(json.getBytes(StandardCharsets.UTF_8));
    if (!problems.isEmpty()) {
      throw new EngineException(
          in.imageId() + ": sbom: the CycloneDX 1.6 schema rejects the SBOM: " + problems.get(0),
          ExitCode.FAILED);
    }
    return json;
  }

  /** The schema's complaints about a CycloneDX 1.6 JSON document; empty when it is valid. */
  public static List<String> validate(byte[] json) {
    try {
      List<ParseException> errors = new JsonParser().validate(json, VERSION);
      return errors.stream().map(ParseException::getMessage).toList();
    } catch (IOException e) {
      return List.of("not JSON: " + e.getMessage());
    }
  }

  private static Metadata metadata(SbomInput in) {
    Metadata m = new Metadata();
    m.setTimestamp(Date.from(in.created()));
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setName("osimages-engine");
    tool.setVersion(in.engineVersion());
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));
    m.setToolChoice(tools);
    OsRelease os = in.inventory().os();
    Component root = new Component();
    root.setType(Component.Type.OPERATING_SYSTEM);
    root.setBomRef(ROOT);
    root.setName(os.id());
    if (!os.versionId().isEmpty()) {
      root.setVersion(os.versionId());
    }
    root.setDescription(os.prettyName());
    root.addProperty(new Property("osimages:image", in.imageId()));
    if (!in.inputHash().isEmpty()) {
      root.addProperty(new Property("osimages:inputHash", in.inputHash()));
    }
    if (!os.codename().isEmpty()) {
      root.addProperty(new Property("osimages:os:codename", os.codename()));
    }
    m.setComponent(root);
    return m;
  }

  private static Component component(InstalledPackage p, String purl) {
    Component c = new Component();
    c.setType(Component.Type.LIBRARY);
    c.setBomRef(purl);
    c.setName(p.name());
    c.setVersion(p.epoch().isEmpty() ? p.version() : p.epoch() + ":" + p.version());
    c.setPurl(purl);
    if (!p.licenses().isEmpty()) {
      LicenseChoice choice = new LicenseChoice();
      for (String name : p.licenses()) {
        License l = new License();
        SpdxLicenses.id(name).ifPresentOrElse(l::setId, () -> l.setName(name));
        choice.addLicense(l);
      }
      c.setLicenses(choice);
    }
    c.addProperty(new Property("osimages:package:architecture", p.architecture()));
    c.addProperty(new Property("osimages:package:source", p.sourceName()));
    if (!p.sourceVersion().isEmpty()) {
      c.addProperty(new Property("osimages:package:sourceVersion", p.sourceVersion()));
    }
    if (!p.status().isEmpty()) {
      c.addProperty(new Property("osimages:package:status", p.status()));
    }
    return c;
  }

  private static Component file(AddedFile f) {
    Component c = new Component();
    c.setType(Component.Type.FILE);
    String name = f.path().isEmpty() ? f.source() : f.path();
    c.setBomRef("file:" + name);
    c.setName(name);
    c.addHash(new Hash(Hash.Algorithm.SHA_256, f.sha256()));
    c.addProperty(new Property("osimages:file:source", f.source()));
    f.downloadUrl()
        .ifPresent(
            url -> {
              ExternalReference r = new ExternalReference();
              r.setType(ExternalReference.Type.DISTRIBUTION);
              r.setUrl(url);
              c.addExternalReference(r);
            });
    return c;
  }

  /** A serial number fixed by what the SBOM describes, so one export always gets the same one. */
  private static UUID serial(SbomInput in) {
    String seed = in.imageId() + "\n" + in.inputHash() + "\n" + in.created();
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
  }
}
