package dev.osimages.engine.registry;

import java.nio.file.Path;

/** Makes the registry client and the puller the rest of the engine uses. */
public final class RegistryAccess {
  /** The platform pulled when none is declared. */
  public static final String DEFAULT_PLATFORM = "linux/amd64";

  private RegistryAccess() {}

  /** A client configured from {@code env}. */
  public static RegistryClient client(RegistryEnvironment env) {
    return new OrasRegistryClient(env);
  }

  /**
   * A puller caching under {@code cacheRoot} (the state directory's {@code registry/}); its client
   * is made from {@code env} on the first pull.
   */
  public static ImagePuller puller(
      RegistryEnvironment env, Path cacheRoot, PullPolicy policy, String platform) {
    return new ImagePuller(
        () -> new OrasRegistryClient(env), new BlobCache(cacheRoot), policy, platform);
  }
}
