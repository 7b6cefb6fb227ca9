package dev.osimages.engine.registry;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A fully qualified image reference: registry host (with port), repository path, and a tag, a
 * digest or both ({@code host/repo:tag@sha256:...}). Short names are made qualified by {@link
 * ShortNames}; this record never guesses a registry.
 */
public record ImageRef(
    String host, String repository, Optional<String> tag, Optional<String> digest) {
  /** Docker's public registry: the default for short names, Docker's convention. */
  public static final String DOCKER_HUB = "docker.io";

  private static final Pattern REPO =
      Pattern.compile(
          "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern HOST =
      Pattern.compile("(?:[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?");

  public ImageRef {
    if (tag.isEmpty() && digest.isEmpty()) {
      tag = Optional.of("latest");
    }
  }

  /** A reference with a tag. */
  public static ImageRef tagged(String host, String repository, String tag) {
    return new ImageRef(host, repository, Optional.of(tag), Optional.empty());
  }

  /** The parts of {@code text}: {@code [host/]repo[:tag][@digest]}; host empty when unqualified. */
  static Parsed split(String text) {
    String rest = text;
    Optional<String> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = Optional.of(rest.substring(at + 1));
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest.get()).matches()) {
        throw invalid(text, "a digest is sha256: and 64 lower-case hex digits");
      }
    }
    Optional<String> tag = Optional.empty();
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = Optional.of(rest.substring(colon + 1));
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag.get()).matches()) {
        throw invalid(text, "a tag is up to 128 letters, digits, '_', '.' and '-'");
      }
    }
    String host = "";
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".")
          || first.contains(":")
          || first.equals("localhost")
          || first.startsWith("[")) {
        host = first;
        rest = rest.substring(slash + 1);
        if (!HOST.matcher(host).matches()) {
          throw invalid(text, "'" + host + "' is not a registry host[:port]");
        }
      }
    }
    if (!REPO.matcher(rest).matches()) {
      throw invalid(text, "the repository path is lower-case components separated by '/'");
    }
    return new Parsed(host, rest, tag, digest);
  }

  /** A reference whose host is given; {@code text} must not be a short name. */
  public static ImageRef parse(String text) {
    Parsed p = split(text);
    if (p.host().isEmpty()) {
      throw invalid(text, "a registry host is required here (e.g. registry.example:5000/name)");
    }
    return p.qualified(p.host());
  }

  /** The host as the registry API is reached: Docker's public registry has its own API host. */
  public String apiHost() {
    return host.equals(DOCKER_HUB) ? "registry-1.docker.io" : host;
  }

  /** The same repository at {@code digest}, the tag kept for messages. */
  public ImageRef withDigest(String digest) {
    return new ImageRef(host, repository, tag, Optional.of(digest));
  }

  /** The same repository with tag {@code tag} and no digest. */
  public ImageRef withTag(String tag) {
    return new ImageRef(host, repository, Optional.of(tag), Optional.empty());
  }

  /** What the registry API's manifest path ends with: the digest if known, else the tag. */
  public String reference() {
    return digest.orElseGet(tag::orElseThrow);
  }

  /** {@code host/repository}. */
  public String name() {
    return host + "/" + repository;
  }

  @Override
  public String toString() {
    return name() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
  }

  private static EngineException invalid(String text, String why) {
    return new EngineException(
        "image reference '" + text + "' is not valid: " + why, ExitCode.INVALID);
  }

  /** A reference split into its parts; {@code host} is empty for a short name. */
  record Parsed(String host, String repository, Optional<String> tag, Optional<String> digest) {
    ImageRef qualified(String registry) {
      return new ImageRef(registry, repository, tag, digest);
    }

    /** Docker's convention for its own registry: one-component names live in {@code library/}. */
    ImageRef onDockerHub() {
      String repo = repository.contains("/") ? repository : "library/" + repository;
      return new ImageRef(DOCKER_HUB, repo, tag, digest);
    }
  }
}
