package dev.osimages.engine.registry;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.util.List;

/**
 * Turns a reference as written ({@code almalinux:9}, {@code team/app}, {@code
 * registry.example/x:1}) into the qualified references to try, in order, as
 * containers-registries.conf(5) says: a qualified name as it is; a short name's alias; else each of
 * {@code unqualified-search-registries}. With neither configured, Docker's convention: its public
 * registry, one-component names in {@code library/}.
 */
public final class ShortNames {
  private final RegistriesConfig conf;

  ShortNames(RegistriesConfig conf) {
    this.conf = conf;
  }

  /** The candidates for {@code text}, first to try first; never empty. */
  public List<ImageRef> candidates(String text) {
    ImageRef.Parsed p = ImageRef.split(text);
    if (!p.host().isEmpty()) {
      return List.of(
          p.host().equals(ImageRef.DOCKER_HUB) ? p.onDockerHub() : p.qualified(p.host()));
    }
    var alias = conf.alias(p.repository());
    if (alias.isPresent()) {
      ImageRef.Parsed a = ImageRef.split(alias.get());
      if (a.host().isEmpty() || a.tag().isPresent() || a.digest().isPresent()) {
        throw new EngineException(
            "registries.conf alias "
                + p.repository()
                + " = \""
                + alias.get()
                + "\" is not a qualified name without tag or digest ("
                + conf.files()
                + ")",
            ExitCode.INVALID);
      }
      ImageRef.Parsed target = new ImageRef.Parsed(a.host(), a.repository(), p.tag(), p.digest());
      return List.of(
          a.host().equals(ImageRef.DOCKER_HUB) ? target.onDockerHub() : target.qualified(a.host()));
    }
    List<String> search = conf.searchRegistries();
    if (search.isEmpty()) {
      return List.of(p.onDockerHub());
    }
    return search.stream()
        .map(h -> h.equals(ImageRef.DOCKER_HUB) ? p.onDockerHub() : p.qualified(h))
        .toList();
  }
}
