package dev.osimages.engine.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The engine's view of an OCI distribution registry: manifests and indexes by tag or digest, blobs
 * by digest, and the referrers of a manifest. Everything fetched is verified against its digest;
 * every failure is a {@link RegistryException} naming the reference and the registry's own words.
 * Implemented with the ORAS Java SDK ({@link OrasRegistryClient}); its types stay behind this
 * interface.
 */
public interface RegistryClient {
  /** How this client resolves short names (its registries.conf). */
  ShortNames shortNames();

  /** The manifest or index {@code ref} names now: its media type, digest and size. */
  Descriptor resolve(ImageRef ref);

  /** The manifest or index {@code ref} names, as the registry stores it (digest verified). */
  Content manifest(ImageRef ref);

  /**
   * Downloads blob {@code blob} of {@code repo} to {@code target}, through {@code target}'s {@code
   * .partial} sibling, which a retry (or a later call) resumes; {@code target} appears only with
   * the right digest and size. {@code progress} receives the bytes on disk so far.
   */
  void fetchBlob(ImageRef repo, Descriptor blob, Path target, LongConsumer progress);

  /** True when {@code repo} has blob {@code digest}. */
  boolean hasBlob(ImageRef repo, String digest);

  /**
   * Makes {@code blob} (the content of {@code file}) present in {@code repo}: nothing is sent when
   * the registry has it there, it is mounted from {@code mountFrom} (another repository of the same
   * registry) when the registry can, else uploaded.
   *
   * @return what was done
   */
  BlobPush pushBlob(
      ImageRef repo,
      Descriptor blob,
      Path file,
      Optional<ImageRef> mountFrom,
      LongConsumer progress);

  /**
   * Stores {@code manifest} under {@code ref}'s tag (or its digest). A manifest with a {@code
   * subject} is also listed in the subject's referrers: by the registry (OCI 1.1), else in the
   * tag-schema fallback index {@code sha256-<hex>}, as the distribution spec says.
   */
  void pushManifest(ImageRef ref, Content manifest);

  /** The manifests that refer to {@code subject} (a digest reference), of one type if given. */
  List<Descriptor> referrers(ImageRef subject, Optional<String> artifactType);

  /** What {@link #pushBlob} did with a blob. */
  enum BlobPush {
    /** The registry had it in the repository. */
    PRESENT,
    /** Mounted from another repository. */
    MOUNTED,
    /** Sent. */
    UPLOADED
  }
}
