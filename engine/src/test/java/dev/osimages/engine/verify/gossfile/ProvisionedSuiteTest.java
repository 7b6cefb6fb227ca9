package dev.osimages.engine.verify.gossfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.ShippedTree;
import dev.osimages.engine.verify.resource.ResourceDecl;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped goss/provisioned.yaml renders with the real template engine for each machine type and
 * OS family the test matrix gives it, into the resources provisioning must produce.
 */
class ProvisionedSuiteTest {
  private static final Path SUITE = ShippedTree.REPO.resolve("goss/provisioned.yaml");
  private static final Map<String, Object> VARS =
      Map.of(
          "nics", List.of("00:03:00:11:11:01", "00:03:00:11:12:01"),
          "dns", List.of("8.8.4.4"),
          "ntp", List.of("1.pool.ntp.org"));

  private static List<ResourceDecl> load(String type, String os) {
    Map<String, String> env =
        Map.of(
            "MACHINE_TYPE",
            type,
            "OS",
            os,
            "METAL_HOSTNAME",
            type,
            "ROUTER_ID",
            "10.1.0.1",
            "ASN",
            "4200003073",
            "PUB_KEY",
            "ssh-ed25519 AAAA test");
    return new GossfileLoader(VARS, env).load(SUITE);
  }

  private static ResourceDecl find(List<ResourceDecl> r, String id) {
    return r.stream()
        .filter(x -> x.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id));
  }

  @Test
  void machine_checksLinkFilesByMac_ntp_andBgp() {
    List<ResourceDecl> r = load("machine", "debian");
    assertThat(r)
        .extracting(ResourceDecl::id)
        .contains(
            "/etc/systemd/network/10-lan0.link",
            "/etc/systemd/network/11-lan1.link",
            "/etc/systemd/timesyncd.conf",
            "lan0",
            "lan1",
            "bgpd",
            "zebra",
            "metal",
            "bgp router id and ASN",
            "no failed units");
    assertThat(find(r, "/etc/systemd/network/11-lan1.link").attrs().get("contents"))
        .isEqualTo(List.of("/^(Permanent)?MACAddress=00:03:00:11:12:01$/", "/^Name=lan1$/"));
    assertThat(find(r, "lan0").attrs()).containsEntry("mtu", 9000L);
    assertThat(find(r, "metal").attrs().get("groups")).isEqualTo(Map.of("contain-element", "sudo"));
    assertThat(find(r, "bgp has a peer on every lan interface").attrs().get("stdout"))
        .isEqualTo(List.of("/\"totalPeers\": ?2\\b/"));
    assertThat(find(r, "/etc/hosts").attrs().get("contents"))
        .isEqualTo(List.of("/^127\\.0\\.0\\.1\\s+localhost/", "/^10\\.1\\.0\\.1\\s+machine$/"));
  }

  @Test
  void firewall_hasNoNtpFile_andTheFirewallMtu() {
    List<ResourceDecl> r = load("firewall", "debian");
    assertThat(r).extracting(ResourceDecl::id).doesNotContain("/etc/systemd/timesyncd.conf");
    assertThat(find(r, "lan1").attrs()).containsEntry("mtu", 9216L);
    assertThat(find(r, "/etc/hostname").attrs().get("contents")).isEqualTo(List.of("/^firewall$/"));
  }

  @Test
  void almaLinux_checksChronyAndWheel() {
    List<ResourceDecl> r = load("machine", "almalinux");
    assertThat(find(r, "/etc/chrony.conf").attrs().get("contents"))
        .isEqualTo(List.of("pool 1.pool.ntp.org iburst"));
    assertThat(find(r, "metal").attrs().get("groups"))
        .isEqualTo(Map.of("contain-element", "wheel"));
  }
}
