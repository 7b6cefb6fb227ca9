package dev.osimages.engine.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SBOM as SPDX 2.3 JSON, converted from the set's CycloneDX document so both say the same: the
 * OS is the described package (purpose OPERATING-SYSTEM), each package an SPDX package with its
 * purl as a PACKAGE-MANAGER reference, its licenses as {@code licenseDeclared} (SPDX ids joined
 * with AND; names that are no SPDX id become {@code LicenseRef-} entries with their name), the OS
 * CONTAINS every package and file, packages DEPENDS_ON each other. Written by hand with Jackson:
 * the SPDX Java library brings a model store, a second logging API and fetches the license list
 * from the network by default, which is more than this conversion needs.
 */
public final class SpdxSbom {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String NOASSERTION = "NOASSERTION";
  private static final String OS = "SPDXRef-OperatingSystem";

  private SpdxSbom() {}

  /** SPDX 2.3 JSON for the CycloneDX 1.6 JSON {@code cyclonedx}. */
  public static String fromCycloneDx(byte[] cyclonedx) throws IOException {
    JsonNode bom = JSON.readTree(cyclonedx);
    JsonNode root = bom.path("metadata").path("component");
    ObjectNode doc = JSON.createObjectNode();
    doc.put("spdxVersion", "SPDX-2.3");
    doc.put("dataLicense", "CC0-1.0");
    doc.put("SPDXID", "SPDXRef-DOCUMENT");
    doc.put("name", property(root, "osimages:image").orElse(root.path("name").asText()));
    doc.put("documentNamespace", bom.path("serialNumber").asText());
    ObjectNode creation = doc.putObject("creationInfo");
    creation.put("created", bom.path("metadata").path("timestamp").asText());
    JsonNode tool = bom.path("metadata").path("tools").path("components").path(0);
    creation
        .putArray("creators")
        .add("Tool: " + tool.path("name").asText() + "-" + tool.path("version").asText());
    doc.putArray("documentDescribes").add(OS);
    ArrayNode packages = doc.putArray("packages");
    ArrayNode files = JSON.createArrayNode();
    ArrayNode relationships = JSON.createArrayNode();
    Map<String, ObjectNode> extracted = new LinkedHashMap<>();
    relation(relationships, "SPDXRef-DOCUMENT", "DESCRIBES", OS);
    ObjectNode os = packages.addObject();
    os.put("SPDXID", OS);
    os.put("name", root.path("name").asText());
    if (root.has("version")) {
      os.put("versionInfo", root.path("version").asText());
    }
    os.put("primaryPackagePurpose", "OPERATING-SYSTEM");
    unasserted(os);
    Map<String, String> ids = new HashMap<>();
    int n = 0;
    for (JsonNode c : bom.path("components")) {
      String id =
          (c.path("type").asText().equals("file") ? "SPDXRef-File-" : "SPDXRef-Package-") + ++n;
      ids.put(c.path("bom-ref").asText(), id);
      if (c.path("type").asText().equals("file")) {
        ObjectNode f = files.addObject();
        f.put(
            "fileName",
            "." + (c.path("name").asText().startsWith("/") ? "" : "/") + c.path("name").asText());
        f.put("SPDXID", id);
        ObjectNode sum = f.putArray("checksums").addObject();
        sum.put("algorithm", "SHA256");
        sum.put("checksumValue", c.path("hashes").path(0).path("content").asText());
        f.put("licenseConcluded", NOASSERTION);
        f.put("copyrightText", NOASSERTION);
        property(c, "osimages:file:source").ifPresent(s -> f.put("comment", "from " + s));
      } else {
        packages.add(pkg(c, id, extracted));
      }
      relation(relationships, OS, "CONTAINS", id);
    }
    for (JsonNode d : bom.path("dependencies")) {
      String from = ids.get(d.path("ref").asText());
      if (from == null) {
        continue; // the OS's own list is the CONTAINS relationships above
      }
      for (JsonNode to : d.path("dependsOn")) {
        if (ids.containsKey(to.asText())) {
          relation(relationships, from, "DEPENDS_ON", ids.get(to.asText()));
        }
      }
    }
    if (!files.isEmpty()) {
      doc.set("files", files);
    }
    if (!extracted.isEmpty()) {
      doc.putArray("hasExtractedLicensingInfos").addAll(extracted.values());
    }
    doc.set("relationships", relationships);
    return JSON.writeValueAsString(doc) + "\n";
  }

  private static ObjectNode pkg(JsonNode c, String id, Map<String, ObjectNode> extracted) {
    ObjectNode p = JSON.createObjectNode();
    p.put("SPDXID", id);
    p.put("name", c.path("name").asText());
    p.put("versionInfo", c.path("version").asText());
    p.put("primaryPackagePurpose", "LIBRARY");
    unasserted(p);
    p.put("licenseDeclared", licenses(c.path("licenses"), extracted));
    property(c, "osimages:package:source")
        .ifPresent(s -> p.put("sourceInfo", "built from source package " + s));
    ObjectNode ref = p.putArray("externalRefs").addObject();
    ref.put("referenceCategory", "PACKAGE-MANAGER");
    ref.put("referenceType", "purl");
    ref.put("referenceLocator", c.path("purl").asText());
    return p;
  }

  /** The SPDX expression of a component's licenses; names become LicenseRef- entries. */
  private static String licenses(JsonNode licenses, Map<String, ObjectNode> extracted) {
    if (licenses.isEmpty()) {
      return NOASSERTION;
    }
    List<String> parts = new java.util.ArrayList<>();
    for (JsonNode l : licenses) {
      JsonNode lic = l.path("license");
      if (lic.has("id")) {
        parts.add(lic.path("id").asText());
      } else {
        String name = lic.path("name").asText();
        String ref = "LicenseRef-" + name.replaceAll("[^A-Za-z0-9.-]+", "-");
        parts.add(ref);
        extracted.computeIfAbsent(
            ref.toLowerCase(Locale.ROOT),
            k -> {
              ObjectNode e = JSON.createObjectNode();
              e.put("licenseId", ref);
              e.put("name", name);
              e.put(
                  "extractedText",
                  "The license the package's copyright file names \""
                      + name
                      + "\"; its text is in that file.");
              return e;
            });
      }
    }
    return String.join(" AND ", parts.stream().distinct().toList());
  }

  private static void unasserted(ObjectNode p) {
    p.put("downloadLocation", NOASSERTION);
    p.put("filesAnalyzed", false);
    p.put("licenseConcluded", NOASSERTION);
    p.put("copyrightText", NOASSERTION);
  }

  private static void relation(ArrayNode out, String from, String type, String to) {
    ObjectNode r = out.addObject();
    r.put("spdxElementId", from);
    r.put("relationshipType", type);
    r.put("relatedSpdxElement", to);
  }

  private static java.util.Optional<String> property(JsonNode c, String name) {
    for (JsonNode p : c.path("properties")) {
      if (p.path("name").asText().equals(name)) {
        return java.util.Optional.of(p.path("value").asText());
      }
    }
    return java.util.Optional.empty();
  }
}
