package dev.osimages.engine.sbom;

import dev.osimages.engine.json.JsonObject;
import dev.osimages.engine.json.JsonWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SBOM as SPDX 2.3 JSON, converted from the set's CycloneDX document so both say the same: the
 * OS is the described package (purpose OPERATING-SYSTEM), each package an SPDX package with its
 * purl as a PACKAGE-MANAGER reference, its licenses as {@code licenseDeclared} (SPDX ids joined
 * with AND; names that are no SPDX id become {@code LicenseRef-} entries with their name), the OS
 * CONTAINS every package and file, packages DEPENDS_ON each other. Written by the engine: the SPDX
 * Java library brings a model store, a second logging API and fetches the license list from the
 * network by default, which is more than this conversion needs.
 */
public final class SpdxSbom {
  private static final String NOASSERTION = "NOASSERTION";
  private static final String OS = "SPDXRef-OperatingSystem";

  private SpdxSbom() {}

  /**
   * SPDX 2.3 JSON for the CycloneDX 1.6 JSON {@code cyclonedx}.
   *
   * @throws dev.osimages.engine.json.MalformedJsonException when it is not such a document
   */
  public static String fromCycloneDx(String cyclonedx) {
    JsonObject bom = JsonObject.parse(cyclonedx);
    JsonObject meta = bom.object("metadata").orElseThrow(() -> missing("metadata"));
    JsonObject root = meta.object("component").orElseThrow(() -> missing("metadata.component"));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("spdxVersion", "SPDX-2.3");
    doc.put("dataLicense", "CC0-1.0");
    doc.put("SPDXID", "SPDXRef-DOCUMENT");
    doc.put("name", property(root, "osimages:image").orElse(root.string("name", "image")));
    doc.put("documentNamespace", bom.string("serialNumber", ""));
    Map<String, Object> creation = new LinkedHashMap<>();
    creation.put("created", meta.string("timestamp", ""));
    creation.put("creators", List.of("Tool: " + tool(meta)));
    doc.put("creationInfo", creation);
    doc.put("documentDescribes", List.of(OS));
    List<Object> packages = new ArrayList<>();
    List<Object> files = new ArrayList<>();
    List<Object> relationships = new ArrayList<>();
    Map<String, Object> extracted = new LinkedHashMap<>();
    relationships.add(relation("SPDXRef-DOCUMENT", "DESCRIBES", OS));
    Map<String, Object> os = new LinkedHashMap<>();
    os.put("SPDXID", OS);
    os.put("name", root.string("name", ""));
    if (root.has("version")) {
      os.put("versionInfo", root.string("version"));
    }
    os.put("primaryPackagePurpose", "OPERATING-SYSTEM");
    unasserted(os);
    packages.add(os);
    Map<String, String> ids = new HashMap<>();
    int n = 0;
    List<JsonObject> components = bom.has("components") ? bom.objects("components") : List.of();
    for (JsonObject c : components) {
      boolean file = c.string("type", "").equals("file");
      String id = (file ? "SPDXRef-File-" : "SPDXRef-Package-") + ++n;
      ids.put(c.string("bom-ref", ""), id);
      (file ? files : packages).add(file ? file(c, id) : pkg(c, id, extracted));
      relationships.add(relation(OS, "CONTAINS", id));
    }
    List<JsonObject> deps = bom.has("dependencies") ? bom.objects("dependencies") : List.of();
    for (JsonObject d : deps) {
      String from = ids.get(d.string("ref", ""));
      if (from == null) {
        continue; // the OS's own list is the CONTAINS relationships above
      }
      for (String to : d.strings("dependsOn")) {
        if (ids.containsKey(to)) {
          relationships.add(relation(from, "DEPENDS_ON", ids.get(to)));
        }
      }
    }
    doc.put("packages", packages);
    if (!files.isEmpty()) {
      doc.put("files", files);
    }
    if (!extracted.isEmpty()) {
      doc.put("hasExtractedLicensingInfos", new ArrayList<>(extracted.values()));
    }
    doc.put("relationships", relationships);
    return JsonWriter.ordered(2).write(doc);
  }

  private static Map<String, Object> pkg(JsonObject c, String id, Map<String, Object> extracted) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("SPDXID", id);
    p.put("name", c.string("name", ""));
    p.put("versionInfo", c.string("version", ""));
    p.put("primaryPackagePurpose", "LIBRARY");
    unasserted(p);
    p.put("licenseDeclared", licenses(c, extracted));
    property(c, "osimages:package:source")
        .ifPresent(s -> p.put("sourceInfo", "built from source package " + s));
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("referenceCategory", "PACKAGE-MANAGER");
    ref.put("referenceType", "purl");
    ref.put("referenceLocator", c.string("purl", ""));
    p.put("externalRefs", List.of(ref));
    return p;
  }

  private static Map<String, Object> file(JsonObject c, String id) {
    Map<String, Object> f = new LinkedHashMap<>();
    String name = c.string("name", "");
    f.put("fileName", "." + (name.startsWith("/") ? "" : "/") + name);
    f.put("SPDXID", id);
    Map<String, Object> sum = new LinkedHashMap<>();
    sum.put("algorithm", "SHA256");
    sum.put("checksumValue", c.objects("hashes").get(0).string("content"));
    f.put("checksums", List.of(sum));
    f.put("licenseConcluded", NOASSERTION);
    f.put("copyrightText", NOASSERTION);
    property(c, "osimages:file:source").ifPresent(s -> f.put("comment", "from " + s));
    return f;
  }

  /** The SPDX expression of a component's licenses; names become LicenseRef- entries. */
  private static String licenses(JsonObject c, Map<String, Object> extracted) {
    List<JsonObject> licenses = c.has("licenses") ? c.objects("licenses") : List.of();
    if (licenses.isEmpty()) {
      return NOASSERTION;
    }
    List<String> parts = new ArrayList<>();
    for (JsonObject l : licenses) {
      JsonObject lic = l.object("license").orElseThrow(() -> missing("license"));
      if (lic.has("id")) {
        parts.add(lic.string("id"));
        continue;
      }
      String name = lic.string("name", "");
      String ref = "LicenseRef-" + name.replaceAll("[^A-Za-z0-9.-]+", "-");
      parts.add(ref);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("licenseId", ref);
      e.put("name", name);
      e.put(
          "extractedText",
          "The license the package's copyright file names \"" + name + "\"; its text is there.");
      extracted.putIfAbsent(ref, e);
    }
    return String.join(" AND ", parts.stream().distinct().toList());
  }

  private static void unasserted(Map<String, Object> p) {
    p.put("downloadLocation", NOASSERTION);
    p.put("filesAnalyzed", false);
    p.put("licenseConcluded", NOASSERTION);
    p.put("copyrightText", NOASSERTION);
  }

  private static Map<String, Object> relation(String from, String type, String to) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("spdxElementId", from);
    r.put("relationshipType", type);
    r.put("relatedSpdxElement", to);
    return r;
  }

  private static String tool(JsonObject meta) {
    return meta.object("tools")
        .filter(t -> t.has("components"))
        .map(t -> t.objects("components"))
        .filter(l -> !l.isEmpty())
        .map(l -> l.get(0).string("name", "") + "-" + l.get(0).string("version", ""))
        .orElse("osimages-engine");
  }

  private static Optional<String> property(JsonObject c, String name) {
    if (!c.has("properties")) {
      return Optional.empty();
    }
    return c.objects("properties").stream()
        .filter(p -> p.string("name", "").equals(name))
        .map(p -> p.string("value", ""))
        .findFirst();
  }

  private static IllegalArgumentException missing(String what) {
    return new IllegalArgumentException("not a CycloneDX document: no " + what);
  }
}
