package dev.osimages.engine.provenance;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one image's provenance states, in SLSA Provenance v1 terms: the artifact it is about, how it
 * was defined (build type, external and internal parameters, resolved dependencies) and how the run
 * went (builder, invocation, host, times). Parameter values are JSON-shaped: strings, numbers,
 * booleans, lists and maps.
 *
 * @param subjectName the file the statement is about ({@code img.tar.lz4})
 * @param subjectSha256 its hex sha256
 * @param invocationId names this run where its log can be found ({@code host:log path})
 */
public record ProvenanceInput(
    String buildType,
    String subjectName,
    String subjectSha256,
    Map<String, Object> externalParameters,
    Map<String, Object> internalParameters,
    List<Dependency> resolvedDependencies,
    String builderId,
    Map<String, String> builderVersion,
    String invocationId,
    String host,
    Instant startedOn,
    Instant finishedOn) {
  public ProvenanceInput {
    externalParameters = Collections.unmodifiableMap(new LinkedHashMap<>(externalParameters));
    internalParameters = Collections.unmodifiableMap(new LinkedHashMap<>(internalParameters));
    resolvedDependencies = List.copyOf(resolvedDependencies);
    builderVersion = Collections.unmodifiableMap(new LinkedHashMap<>(builderVersion));
  }

  /**
   * An in-toto ResourceDescriptor: something the build used. At least one of {@code uri} and {@code
   * digest} is given.
   */
  public record Dependency(
      String name, String uri, Map<String, String> digest, Map<String, Object> annotations) {
    public Dependency {
      digest = Collections.unmodifiableMap(new LinkedHashMap<>(digest));
      annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }
  }
}
