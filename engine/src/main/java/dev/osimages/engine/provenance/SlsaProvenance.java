package dev.osimages.engine.provenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes and reads {@code provenance.json}: an in-toto Statement v1 whose predicate is SLSA
 * Provenance v1, the form {@code cosign attest --type slsaprovenance1} attaches and {@code cosign
 * verify-attestation} checks.
 */
public final class SlsaProvenance {
  /** The file name in an image set. */
  public static final String FILE = "provenance.json";

  public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
  public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";

  /** The build type of images built by {@code engine run}. */
  public static final String BUILD_TYPE_RUN = "urn:osimages:buildtype:engine-run:v1";

  /** The build type of root filesystems exported by hand with {@code engine export}. */
  public static final String BUILD_TYPE_EXPORT = "urn:osimages:buildtype:engine-export:v1";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SlsaProvenance() {}

  /** The statement as pretty-printed JSON. */
  public static String write(ProvenanceInput in) {
    Map<String, Object> statement = new LinkedHashMap<>();
    statement.put("_type", STATEMENT_TYPE);
    statement.put(
        "subject",
        List.of(Map.of("name", in.subjectName(), "digest", Map.of("sha256", in.subjectSha256()))));
    statement.put("predicateType", PREDICATE_TYPE);
    Map<String, Object> definition = new LinkedHashMap<>();
    definition.put("buildType", in.buildType());
    definition.put("externalParameters", in.externalParameters());
    definition.put("internalParameters", in.internalParameters());
    List<Object> deps = new ArrayList<>();
    for (ProvenanceInput.Dependency d : in.resolvedDependencies()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", d.name());
      if (d.uri() != null && !d.uri().isEmpty()) {
        m.put("uri", d.uri());
      }
      if (!d.digest().isEmpty()) {
        m.put("digest", d.digest());
      }
      if (!d.annotations().isEmpty()) {
        m.put("annotations", d.annotations());
      }
      deps.add(m);
    }
    definition.put("resolvedDependencies", deps);
    Map<String, Object> builder = new LinkedHashMap<>();
    builder.put("id", in.builderId());
    builder.put("version", in.builderVersion());
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("invocationId", in.invocationId());
    metadata.put("startedOn", in.startedOn().toString());
    metadata.put("finishedOn", in.finishedOn().toString());
    // An extension field (consumers ignore fields they do not know): the machine that built it.
    metadata.put("host", in.host());
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("builder", builder);
    run.put("metadata", metadata);
    statement.put("predicate", Map.of("buildDefinition", definition, "runDetails", run));
    try {
      return JSON.writeValueAsString(sorted(statement)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write provenance JSON", e);
    }
  }

  /** Keeps the predicate's two parts in the spec's order (Map.of has none). */
  private static Map<String, Object> sorted(Map<String, Object> statement) {
    @SuppressWarnings("unchecked")
    Map<String, Object> p = (Map<String, Object>) statement.get("predicate");
    Map<String, Object> ordered = new LinkedHashMap<>();
    ordered.put("buildDefinition", p.get("buildDefinition"));
    ordered.put("runDetails", p.get("runDetails"));
    statement.put("predicate", ordered);
    return statement;
  }

  /** What a reader of a statement needs most: its subject digest and the image's input hash. */
  public record Summary(
      String statementType,
      String predicateType,
      String subjectName,
      String subjectSha256,
      Optional<String> inputHash,
      Optional<String> cell) {}

  /**
   * Reads the essentials of a statement.
   *
   * @throws IllegalArgumentException when it is not an in-toto statement with one subject
   */
  public static Summary read(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      JsonNode subject = n.path("subject").path(0);
      if (!n.path("subject").isArray() || subject.isMissingNode()) {
        throw new IllegalArgumentException("no subject");
      }
      JsonNode def = n.path("predicate").path("buildDefinition");
      return new Summary(
          n.path("_type").asText(),
          n.path("predicateType").asText(),
          subject.path("name").asText(),
          subject.path("digest").path("sha256").asText(),
          text(def.path("internalParameters").path("inputHash")),
          text(def.path("externalParameters").path("cell")));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static Optional<String> text(JsonNode n) {
    return n.isTextual() && !n.asText().isEmpty() ? Optional.of(n.asText()) : Optional.empty();
  }
}
