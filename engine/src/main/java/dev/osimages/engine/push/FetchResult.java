package dev.osimages.engine.push;

/**
 * What fetching one set did: the image reference and digest it came from, the set artifact's
 * digest, the bytes downloaded, and whether signatures by the given key were checked.
 */
public record FetchResult(
    String cell,
    String reference,
    String imageDigest,
    String artifactDigest,
    long bytes,
    boolean verified) {}
