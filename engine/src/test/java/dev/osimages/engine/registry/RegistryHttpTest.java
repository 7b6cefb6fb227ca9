package dev.osimages.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryHttpTest {
  @Test
  void errorText_isTheDistributionErrorsCodeAndMessage() {
    assertThat(
            RegistryHttp.errorText(
                "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\","
                    + "\"detail\":{\"Tag\":\"1\"}}]}"))
        .isEqualTo("manifest unknown: manifest unknown");
  }

  @Test
  void errorText_ofANonJsonBody_isItsFirstLine() {
    assertThat(RegistryHttp.errorText("<html>bad gateway</html>\nmore"))
        .isEqualTo("<html>bad gateway</html>");
    assertThat(RegistryHttp.errorText("")).isEqualTo("(no error text)");
  }

  @Test
  void canonicalJson_sortsKeysAtEveryLevel() {
    byte[] b =
        CanonicalJson.bytes(Map.of("b", 1, "a", Map.of("z", "x", "c", List.of("q\"", true))));
    assertThat(new String(b, java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":{\"c\":[\"q\\\"\",true],\"z\":\"x\"},\"b\":1}");
  }
}
