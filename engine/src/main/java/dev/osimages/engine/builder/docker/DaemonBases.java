package dev.osimages.engine.builder.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.archive.Fetch;
import dev.osimages.engine.archive.Pinning;
import dev.osimages.engine.base.BaseResolver;
import dev.osimages.engine.base.ResolvedBase;
import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.host.StreamingCommand;
import dev.osimages.engine.model.Base;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Makes every base a request names present in the daemon under the reference the Dockerfile's FROM
 * uses. Bases the engine makes (a bootstrap, a directory, a tarball) are resolved to a directory as
 * for the chroot backend and imported once, under a tag derived from their content key ({@link
 * #importTag}); another cell's Docker result is tagged by id; a registry reference is pulled, with
 * credentials from the docker CLI's {@code config.json}, on every build ({@link #refresh}).
 */
final class DaemonBases {
  /** The repository content-addressed imports are tagged in. */
  static final String IMPORTS = "localhost/osimages/imported";

  private final DockerDaemon daemon;
  private final BaseResolver resolver;

  DaemonBases(DockerDaemon daemon, Path baseCache) {
    this.daemon = daemon;
    this.resolver = new BaseResolver(baseCache);
  }

  /** The tag a base with content key {@code key} is imported under. */
  static String importTag(String key) {
    return IMPORTS + ":" + key.substring(0, Math.min(32, key.length()));
  }

  /**
   * A base made present: its content key, whether that took work (an import, a pull), a bootstrap's
   * archive Release dates and what it fetched from the package archive.
   */
  record Provided(String key, boolean made, List<String> releaseDates, List<Fetch> fetched) {
    Provided(String key, boolean made) {
      this(key, made, List.of(), List.of());
    }
  }

  /** Makes {@code reference} name {@code base} in the daemon. */
  Provided provide(String cell, String reference, Base base, Consumer<String> lines) {
    return provide(cell, reference, base, lines, Pinning.NONE);
  }

  /** As above; a bootstrap is made with {@code pinning}'s epoch and archive access. */
  Provided provide(
      String cell, String reference, Base base, Consumer<String> lines, Pinning pinning) {
    DockerClient c = daemon.client();
    try {
      if (base instanceof Base.DaemonImage d) {
        tag(d.id(), reference);
        return new Provided(d.id(), false);
      }
      if (base instanceof Base.Registry r) {
        return refresh(cell, r.reference(), lines);
      }
      ResolvedBase resolved = resolver.resolve(base, lines, pinning);
      if (resolved.layers().size() != 1) {
        throw new EngineException(
            cell
                + ": FROM "
                + reference
                + ": the Docker backend imports single-directory bases"
                + " only; "
                + base.describe()
                + " has "
                + resolved.layers().size()
                + " layers",
            ExitCode.INVALID);
      }
      String tag = importTag(resolved.key());
      Optional<String> existing = imageId(tag);
      boolean imported = existing.isEmpty();
      if (imported) {
        lines.accept("importing " + base.describe() + " into the daemon as " + tag);
        importDir(resolved.layers().get(0), tag);
      }
      tag(existing.orElseGet(() -> c.inspectImageCmd(tag).exec().getId()), reference);
      return new Provided(
          resolved.key(), imported || resolved.made(), resolved.releaseDates(), resolved.fetched());
    } catch (EngineException e) {
      throw e;
    } catch (RuntimeException e) {
      throw DaemonErrors.during(cell, "FROM " + reference + " (" + base.describe() + ")", e);
    }
  }

  /**
   * Pulls a registry base on every build (as {@code docker build --pull}), so that a tag that moved
   * upstream is built on when a cell is rebuilt; the daemon answers quickly when nothing changed. A
   * reference pinned by digest that is present is not asked for again. When the registry cannot be
   * reached but the daemon has the image, the build goes on with that copy and says so.
   */
  private Provided refresh(String cell, String ref, Consumer<String> lines) {
    String before = imageId(ref).orElse(null);
    if (before == null || !ref.contains("@sha256:")) {
      lines.accept("pulling " + ref);
      try {
        pull(cell, ref, lines);
      } catch (EngineException e) {
        if (before == null || e.exitCode() == 130) {
          throw e;
        }
        lines.accept(
            "warning: "
                + e.getMessage()
                + "; building on the daemon's copy "
                + before.substring(0, Math.min(19, before.length())));
      }
    }
    String id = daemon.client().inspectImageCmd(ref).exec().getId();
    return new Provided(id, !id.equals(before));
  }

  /** The id of the image {@code ref} names in the daemon, if it has one. */
  private Optional<String> imageId(String ref) {
    try {
      return Optional.of(daemon.client().inspectImageCmd(ref).exec().getId());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private void tag(String imageId, String reference) {
    int colon = reference.lastIndexOf(':');
    boolean hasTag = colon > reference.lastIndexOf('/');
    String repo = hasTag ? reference.substring(0, colon) : reference;
    String tag = hasTag ? reference.substring(colon + 1) : "latest";
    daemon.client().tagImageCmd(imageId, repo, tag).withForce().exec();
  }

  private void importDir(Path dir, String tag) {
    List<String> argv =
        List.of(
            "tar",
            "--create",
            "--file=-",
            "--numeric-owner",
            "--xattrs",
            "--xattrs-include=*",
            "--directory=" + dir,
            ".");
    try (StreamingCommand tar = HostCommand.stream(argv, null)) {
      try (InputStream in = tar.stdout()) {
        postImport(in, tag);
      }
      // The daemon has read the archive to its end, so tar is done or about to be.
      HostCommand.Captured r =
          tar.await(Duration.ofMinutes(1))
              .orElseThrow(
                  () ->
                      new EngineException("tar did not finish archiving " + dir, ExitCode.FAILED));
      if (!r.ok()) {
        throw new EngineException(
            "cannot archive " + dir + " (tar exit " + r.exitCode() + "): " + r.stderr().strip(),
            ExitCode.FAILED);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("importing " + dir, e);
    }
  }

  /**
   * POST /images/create?fromSrc=- with the tar as body. docker-java's createImageCmd (3.5.1, with
   * the httpclient5 transport) sends its JSON form instead of the stream, so the request is made on
   * the transport directly.
   */
  private void postImport(InputStream tar, String tag) throws IOException {
    int colon = tag.lastIndexOf(':');
    String path =
        "/v"
            + daemon.apiVersion()
            + "/images/create?fromSrc=-&repo="
            + URLEncoder.encode(tag.substring(0, colon), StandardCharsets.UTF_8)
            + "&tag="
            + URLEncoder.encode(tag.substring(colon + 1), StandardCharsets.UTF_8);
    DockerHttpClient.Request req =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.POST)
            .path(path)
            .putHeader("Content-Type", "application/x-tar")
            .body(tar)
            .build();
    try (DockerHttpClient.Response r = daemon.http().execute(req)) {
      String body = new String(r.getBody().readAllBytes(), StandardCharsets.UTF_8);
      if (r.getStatusCode() != 200 || body.contains("\"errorDetail\"")) {
        throw new IOException(
            "import of " + tag + " failed: HTTP " + r.getStatusCode() + " " + body.strip());
      }
    }
  }

  private void pull(String cell, String ref, Consumer<String> lines) {
    ResultCallback.Adapter<PullResponseItem> progress =
        new ResultCallback.Adapter<>() {
          @Override
          public void onNext(PullResponseItem item) {
            if (item.getStatus() != null && item.getProgressDetail() == null) {
              lines.accept((item.getId() == null ? "" : item.getId() + ": ") + item.getStatus());
            }
            if (item.isErrorIndicated()) {
              onError(
                  new EngineException(
                      item.getErrorDetail() != null
                          ? item.getErrorDetail().getMessage()
                          : item.getError(),
                      ExitCode.FAILED));
            }
          }
        };
    try {
      daemon
          .client()
          .pullImageCmd(ref)
          .withAuthConfig(RegistryCredentials.forPull(daemon.config(), daemon.configDir(), ref))
          .exec(progress)
          .awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(
          cell + ": interrupted while pulling " + ref, ExitCode.INTERRUPTED, e);
    } catch (RuntimeException e) {
      throw DaemonErrors.during(cell, "pulling " + ref, e);
    }
  }
}
