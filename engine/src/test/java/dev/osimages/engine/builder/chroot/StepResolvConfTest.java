package dev.osimages.engine.builder.chroot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepResolvConfTest {
  @Test
  void reachableServers_stayInOrder_withSearchAndOptions() {
    String host =
        "search example.test\nnameserver 10.255.255.53\nnameserver 2001:db8::53\n"
            + "options edns0 trust-ad\n";
    assertThat(StepResolvConf.of(host)).isEqualTo(host);
  }

  @Test
  void loopbackResolver_becomesTheForwarder_once() {
    String host = "# managed\nnameserver 127.0.0.53\nnameserver 127.0.0.1\noptions edns0\n";
    assertThat(StepResolvConf.of(host))
        .isEqualTo("# managed\nnameserver 10.0.2.3\noptions edns0\n");
  }

  @Test
  void ipv6LoopbackAndLinkLocal_becomeTheIpv6Forwarder() {
    assertThat(StepResolvConf.of("nameserver ::1\nnameserver fe80::1%eth0\nnameserver 192.0.2.9\n"))
        .isEqualTo("nameserver fd00::3\nnameserver 192.0.2.9\n");
  }
}
