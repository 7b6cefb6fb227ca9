package dev.osimages.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.event.Event;
import dev.osimages.engine.event.Warning;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bearer-token flow public registries use: docker-registry with {@code auth: token} trusts JWTs
 * from a token service the test runs ({@link TokenServer}, its own signing key); the client is
 * refused with a {@code Bearer} challenge, asks the service with the stored credentials, and
 * retries with the token. Also: a service handing out expired tokens, and a registry that went away
 * after a pull (the default policy builds on the copy pulled before, with a warning).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokenAuthIT {
  private static final String USER = "token-user";
  private static final String PASSWORD = "token-s3cret";

  @TempDir static Path work;
  static TestPki pki;
  static TokenServer tokens;
  static LoopbackRegistry registry;

  @BeforeAll
  static void start() throws Exception {
    pki = TestPki.create(work.resolve("pki"));
    tokens = new TokenServer(pki, USER, PASSWORD);
    registry = LoopbackRegistry.token(work.resolve("registry"), pki, tokens);
    PullIT.registry = registry;
    PullIT.work = work;
    Path layout = TestImages.layout(work);
    // skopeo goes through the same token flow to push the base.
    TestImages.push(registry, USER + ":" + PASSWORD, layout, registry.host() + "/team/base:1", "");
  }

  @AfterAll
  static void stop() throws Exception {
    PullIT.registry = null;
    if (registry != null) {
      registry.close();
    }
    if (tokens != null) {
      tokens.close();
    }
  }

  private static ImagePuller puller(String cache, String password, PullPolicy policy)
      throws Exception {
    return PullIT.puller(
        PullIT.environment(PullIT.env(USER, password), true), work.resolve(cache), policy);
  }

  @Test
  @Order(1)
  void pull_throughTheTokenService_getsTheImage() throws Exception {
    int before = tokens.issued.get();
    PulledImage img =
        puller("cache", PASSWORD, PullPolicy.REFRESH)
            .pull("t/1", registry.host() + "/team/base:1", e -> {});
    assertThat(img.layers()).hasSize(2);
    assertThat(tokens.issued.get()).isGreaterThan(before);
    assertThat(registry.log())
        .containsPattern("\"GET /v2/team/base/manifests/1 HTTP/2.0\" 200 .*ORAS-Java-SDK");
  }

  @Test
  @Order(2)
  void pull_withWrongCredentials_isRefusedByTheTokenService() throws Exception {
    // Another repository: a token for team/base is still cached from the first pull.
    String ref = registry.host() + "/team/private:1";
    assertThatThrownBy(
            () -> puller("cache-wrong", "wrong", PullPolicy.ALWAYS).pull("t/1", ref, e -> {}))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith(ref + ": ")
        .hasMessageContaining("401");
  }

  @Test
  @Order(3)
  void pull_withExpiredTokens_saysTheRegistryRefusedThem() throws Exception {
    String ref = registry.host() + "/team/other:1";
    tokens.expired = true;
    try {
      assertThatThrownBy(
              () -> puller("cache-expired", PASSWORD, PullPolicy.ALWAYS).pull("t/1", ref, e -> {}))
          .isInstanceOf(RegistryException.class)
          .hasMessageStartingWith(ref + ": ")
          .hasMessageContaining("answered 401");
    } finally {
      tokens.expired = false;
    }
  }

  @Test
  @Order(4)
  void pull_withTheRegistryGone_buildsOnThePinnedCopyWithAWarning() throws Exception {
    String ref = registry.host() + "/team/base:1";
    PulledImage first =
        puller("cache-down", PASSWORD, PullPolicy.REFRESH).pull("t/1", ref, e -> {});
    registry.stop();
    List<Event> events = new CopyOnWriteArrayList<>();

    PulledImage again =
        puller("cache-down", PASSWORD, PullPolicy.REFRESH).pull("t/1", ref, events::add);

    assertThat(again.pinned()).isEqualTo(first.pinned());
    assertThat(events)
        .filteredOn(e -> e instanceof Warning)
        .extracting(e -> ((Warning) e).message())
        .singleElement()
        .asString()
        .contains(ref + ": registry unreachable: ")
        .contains("building on the copy pulled before, sha256:");
    assertThatThrownBy(
            () -> puller("cache-down", PASSWORD, PullPolicy.ALWAYS).pull("t/1", ref, e -> {}))
        .hasMessageStartingWith(ref + ": registry unreachable: ");
  }
}
