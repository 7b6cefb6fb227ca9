package dev.osimages.engine.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.ShippedTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped provisioner's logic without root: run with METAL_ROOT (files go under a temporary
 * root) and METAL_DRY_RUN (useradd, chpasswd, chown and vtysh are only announced), on the shipped
 * inputs and on the legacy install.yaml form, for each OS family it knows.
 */
class MetalProvisionTest {
  private static final Path SCRIPT = ShippedTree.REPO.resolve("provision/metal-provision");
  private static final Path INPUTS = ShippedTree.REPO.resolve("provision/inputs");

  @TempDir Path root;

  private record Run(int code, String out) {}

  private Run provision(String osId, String... kernels) throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/os-release"), "NAME=test\nID=" + osId + "\n");
    Files.createDirectories(root.resolve("boot"));
    Files.createDirectories(root.resolve("var/tmp"));
    for (String k : kernels) {
      Files.createFile(root.resolve("boot/System.map-" + k));
      Files.createFile(root.resolve("boot/vmlinuz-" + k));
      Files.createFile(
          root.resolve(
              osId.equals("almalinux") ? "boot/initramfs-" + k + ".img" : "boot/initrd.img-" + k));
    }
    Files.writeString(root.resolve("etc/machine-id"), "0123456789abcdef\n");
    ProcessBuilder pb = new ProcessBuilder("sh", SCRIPT.toString()).redirectErrorStream(true);
    pb.environment().put("METAL_ROOT", root.toString());
    pb.environment().put("METAL_DRY_RUN", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out);
  }

  private void inputs(String type) throws IOException {
    ShippedTree.copyTree(INPUTS.resolve(type), root);
  }

  private String file(String path) throws IOException {
    return Files.readString(root.resolve(path.substring(1)));
  }

  @Test
  void machine_fromDetailsAndAllocation_writesWhatTheSuiteChecks() throws Exception {
    inputs("machine");
    Run r = provision("debian", "6.12.1-amd64");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out())
        .contains("inputs: machine-details.yaml and machine-allocation.yaml")
        .contains("machine machine: ASN 4200003073, router id 10.1.0.1")
        .contains("would run: useradd --create-home --uid 1000 --gid sudo --shell /bin/bash metal");
    assertThat(file("/etc/hostname")).isEqualTo("machine\n");
    assertThat(file("/etc/hosts")).contains("127.0.0.1 localhost\n10.1.0.1 machine\n");
    assertThat(file("/etc/resolv.conf")).isEqualTo("nameserver 8.8.4.4\n");
    assertThat(file("/etc/systemd/timesyncd.conf")).isEqualTo("[Time]\nNTP=1.pool.ntp.org\n");
    assertThat(file("/etc/systemd/network/10-lan0.link"))
        .contains("PermanentMACAddress=00:03:00:11:11:01\n", "Name=lan0\n", "MTUBytes=9000\n");
    assertThat(file("/etc/systemd/network/11-lan1.link"))
        .contains("PermanentMACAddress=00:03:00:11:12:01\n", "Name=lan1\n");
    assertThat(file("/etc/systemd/network/11-lan1.network")).contains("Name=lan1\n");
    assertThat(file("/etc/systemd/network/00-lo.network")).contains("Address=10.1.0.1/32\n");
    assertThat(file("/etc/frr/frr.conf"))
        .contains("router bgp 4200003073\n bgp router-id 10.1.0.1\n")
        .contains(" neighbor lan0 interface peer-group UPLINKS\n")
        .contains(" neighbor lan1 interface peer-group UPLINKS\n");
    assertThat(file("/home/metal/.ssh/authorized_keys"))
        .startsWith(
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIprfvSz1iMQI/nMhhgU9MqZWNwJV1rKtP5a7I9+gpcG");
    assertThat(Files.getPosixFilePermissions(root.resolve("home/metal/.ssh/authorized_keys")))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    assertThat(file("/etc/metal/boot-info.yaml"))
        .contains("kernel: /boot/vmlinuz-6.12.1-amd64\n")
        .contains("initrd: /boot/initrd.img-6.12.1-amd64\n")
        .contains(
            "cmdline: console=ttyS1,115200n8 root=UUID=543eb7f8-98d4-d986-e669-824dbebe69e5"
                + " init=/sbin/init net.ifnames=0 biosdevname=0 nvme_core.io_timeout=300\n")
        .contains("bootloader_id: metal-debian\n");
    assertThat(file("/etc/machine-id")).isEmpty();
    assertThat(Files.getPosixFilePermissions(root.resolve("var/tmp"))).hasSize(9);
  }

  @Test
  void firewall_usesTheUnderlay_andLeavesNtpToItsChrony() throws Exception {
    inputs("firewall");
    Run r = provision("ubuntu", "6.8.0-1");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out())
        .contains("firewall firewall: ASN 4200003073, router id 10.1.0.1")
        .contains("firewall: NTP is chrony in the default-route VRF, not configured here");
    assertThat(root.resolve("etc/systemd/timesyncd.conf")).doesNotExist();
    assertThat(file("/etc/hosts")).contains("10.1.0.1 firewall\n");
    assertThat(file("/etc/systemd/network/00-lo.network"))
        .contains("Address=10.1.0.1/32")
        .doesNotContain("10.0.16.2")
        .doesNotContain("203.0.113.3");
    assertThat(file("/etc/systemd/network/10-lan0.link")).contains("MTUBytes=9216\n");
    assertThat(file("/etc/metal/boot-info.yaml")).contains("bootloader_id: metal-ubuntu\n");
  }

  @Test
  void legacyInstallYaml_isReadWhenTheNewInputsAreMissing() throws Exception {
    Files.createDirectories(root.resolve("etc/metal"));
    Files.writeString(
        root.resolve("etc/metal/install.yaml"),
        """
        ---
        hostname: 'legacy-host'   # a comment
        password: "se\\"cret"
        console: ttyS0,115200n8
        sshpublickey: ssh-ed25519 AAAA legacy-key
        role: machine
        root_uuid: "11111111-2222-3333-4444-555555555555"
        networks:
        - asn: 4200000001
          ips: [10.2.0.1]
          private: true
          underlay: false
        - asn: 4200000002
          ips:
            - 10.3.0.1
          private: false
          underlay: true
        nics:
          - mac: "52:54:00:00:00:01"
            neighbors: []
        ntp_servers: []
        dns_servers:
          - ip: 192.0.2.53
        """);
    Run r = provision("debian", "6.1.0-1");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).contains("inputs: install.yaml").contains("no NTP servers given");
    assertThat(file("/etc/hostname")).isEqualTo("legacy-host\n");
    assertThat(file("/etc/frr/frr.conf"))
        .contains("router bgp 4200000001\n bgp router-id 10.2.0.1\n");
    assertThat(file("/etc/resolv.conf")).isEqualTo("nameserver 192.0.2.53\n");
    assertThat(file("/home/metal/.ssh/authorized_keys")).isEqualTo("ssh-ed25519 AAAA legacy-key\n");
    assertThat(file("/etc/metal/boot-info.yaml")).contains("console=ttyS0,115200n8 root=UUID=1111");
  }

  @Test
  void almaLinux_getsChronyWheelAndItsInitramfs() throws Exception {
    inputs("machine");
    Run r = provision("almalinux", "5.14.0-1.el9");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).contains("--gid wheel");
    assertThat(file("/etc/chrony.conf")).contains("pool 1.pool.ntp.org iburst\n");
    assertThat(root.resolve("etc/systemd/timesyncd.conf")).doesNotExist();
    assertThat(file("/etc/metal/boot-info.yaml"))
        .contains("initrd: /boot/initramfs-5.14.0-1.el9.img\n")
        .contains("bootloader_id: almalinux\n");
  }

  @Test
  void badInputs_failWithOneLineSayingWhy() throws Exception {
    Run none = provision("debian", "6.1");
    assertThat(none.code()).isEqualTo(1);
    assertThat(none.out())
        .contains("error: no inputs: /etc/metal/machine-details.yaml with machine-allocation.yaml");

    inputs("machine");
    for (String k : List.of("6.1", "6.2")) {
      Files.writeString(root.resolve("boot/System.map-" + k), "");
    }
    Run twoKernels = provision("debian");
    assertThat(twoKernels.code()).isEqualTo(1);
    assertThat(twoKernels.out()).contains("error: exactly one kernel is needed; /boot has 2");
  }
}
