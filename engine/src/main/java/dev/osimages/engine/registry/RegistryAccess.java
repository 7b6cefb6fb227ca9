package dev.osimages.engine.registry;

import java.nio.file.Path;
import java.util.function.Supplier;

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
    return puller(() -> new OrasRegistryClient(env), cacheRoot, policy, platform);
  }

  /**
   * A puller caching under {@code cacheRoot} whose client comes from {@code client} on the first
   * pull: a command that also pushes passes the client it pushes with, so both share one TLS
   * context, one connection per registry and the registry's tokens.
   */
  public static ImagePuller puller(
      Supplier<? extends RegistryClient> client,
      Path cacheRoot,
      PullPolicy policy,
      String platform) {
    return new ImagePuller(client, new BlobCache(cacheRoot), policy, platform);
  }
}
