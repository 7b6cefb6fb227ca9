package dev.osimages.engine.export.tar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XattrReaderTest {
  @Test
  void parse_decodesHexValues_andEscapedNames_andSkipsAcls() {
    Map<String, Map<String, byte[]>> out = new HashMap<>();
    XattrReader.parse(
        """
        # file: ./usr/bin/ping
        security.capability=0x0100000280200000

        # file: ./odd\\012name\\134x
        user.a=0xff00
        system.posix_acl_access=0x0200

        # file: ./dir/
        user.e=""
        """,
        out);
    assertThat(out.get("./usr/bin/ping").get("security.capability"))
        .containsExactly(1, 0, 0, 2, 0x80, 0x20, 0, 0);
    assertThat(out.get("./odd\nname\\x")).containsOnlyKeys("user.a");
    assertThat(out.get("./odd\nname\\x").get("user.a")).containsExactly(0xff, 0);
    assertThat(out.get("./dir").get("user.e")).isEmpty();
  }
}
