package dev.osimages.engine.provenance;

import dev.osimages.engine.json.JsonObject;
import dev.osimages.engine.json.JsonWriter;
import dev.osimages.engine.json.MalformedJsonException;
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

  private SlsaProvenance() {}

  /** The statement as pretty-printed JSON. */
  public static String write(ProvenanceInput in) {
    Map<String, Object> statement = new LinkedHashMap<>();
    statement.put("_type", STATEMENT_TYPE);
    Map<String, Object> subject = new LinkedHashMap<>();
    subject.put("name", in.subjectName());
    subject.put("digest", Map.of("sha256", in.subjectSha256()));
    statement.put("subject", List.of(subject));
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
    Map<String, Object> predicate = new LinkedHashMap<>();
    predicate.put("buildDefinition", definition);
    predicate.put("runDetails", run);
    statement.put("predicate", predicate);
    return JsonWriter.ordered(2).write(statement);
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
      JsonObject n = JsonObject.parse(json);
      List<JsonObject> subjects = n.has("subject") ? n.objects("subject") : List.of();
      if (subjects.isEmpty()) {
        throw new IllegalArgumentException("no subject");
      }
      JsonObject subject = subjects.get(0);
      Optional<JsonObject> def = n.object("predicate").flatMap(p -> p.object("buildDefinition"));
      return new Summary(
          n.string("_type", ""),
          n.string("predicateType", ""),
          subject.string("name", ""),
          subject.object("digest").map(d -> d.string("sha256", "")).orElse(""),
          def.flatMap(d -> d.object("internalParameters"))
              .map(i -> i.string("inputHash", ""))
              .filter(v -> !v.isEmpty()),
          def.flatMap(d -> d.object("externalParameters"))
              .map(e -> e.string("cell", ""))
              .filter(v -> !v.isEmpty()));
    } catch (MalformedJsonException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }
}
