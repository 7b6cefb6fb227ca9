package dev.osimages.engine.verify.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.event.LogLine;
import dev.osimages.engine.model.TargetKind;
import dev.osimages.engine.verify.Suite;
import dev.osimages.engine.verify.Verifier;
import dev.osimages.engine.verify.VerifyReport;
import dev.osimages.engine.verify.VerifyRequest;
import dev.osimages.engine.verify.resource.TestResult;
import dev.osimages.engine.verify.targets.Accel;
import dev.osimages.engine.verify.targets.Hypervisor;
import dev.osimages.engine.verify.targets.Preparation;
import dev.osimages.engine.verify.targets.TargetOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provisioned VM test end to end, as the shipped test matrix runs it: the shipped provisioner
 * and machine inputs are copied onto a copy of the test image (which has FRR), the provisioner runs
 * in its chroot, the image boots under QEMU (TCG) with two NICs of the inputs' MAC addresses, and
 * the shipped {@code goss/provisioned.yaml} runs with the environment images.yaml gives it: the
 * link files rename the NICs to lan0/lan1 by MAC, the metal user and its key exist, FRR runs bgpd
 * with the ASN and router id of the inputs. The image itself is never changed.
 */
class ProvisionedVmIT {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> MACS = List.of("00:03:00:11:11:01", "00:03:00:11:12:01");

  @TempDir Path dir;

  @Test
  void provisionedMachine_bootsWithNicsByMac_andPassesTheShippedSuite() throws Exception {
    // The test image's FRR starts zebra only; a metal image enables bgpd (what images.yaml builds).
    Path daemons = dir.resolve("daemons");
    Files.writeString(
        daemons,
        Files.readString(TestImage.rootfs().resolve("etc/frr/daemons"))
            .replace("bgpd=no", "bgpd=yes"));
    Preparation prepare =
        new Preparation(
            "provisioned",
            List.of(
                new Preparation.CopyIn(REPO.resolve("provision/inputs/machine"), "/", null),
                new Preparation.CopyIn(
                    REPO.resolve("provision/metal-provision"),
                    "/usr/local/sbin/metal-provision",
                    0755),
                new Preparation.CopyIn(daemons, "/etc/frr/daemons", 0644)),
            List.of("metal-provision"),
            Map.of("INSTALL_FROM_CI", "true"),
            Duration.ofMinutes(5));
    Map<String, String> env =
        Map.of(
            "MACHINE_TYPE", "machine",
            "OS", "debian",
            "METAL_HOSTNAME", "machine",
            "ROUTER_ID", "10.1.0.1",
            "ASN", "4200003073",
            "PUB_KEY",
                Files.readString(
                        REPO.resolve("provision/inputs/machine/etc/metal/machine-allocation.yaml"))
                    .lines()
                    .filter(l -> l.strip().startsWith("- ssh-ed25519"))
                    .map(l -> l.strip().substring(2))
                    .findFirst()
                    .orElseThrow());
    Map<String, Object> vars =
        Map.of("nics", MACS, "dns", List.of("8.8.4.4"), "ntp", List.of("1.pool.ntp.org"));
    TargetOptions o =
        new TargetOptions(
            Duration.ofSeconds(90),
            Duration.ofSeconds(5),
            // the engine's default boot timeout: under TCG on a host at load 25 to 35 the guest
            // reached its login prompt after about 300 s and 6 min was not enough for the probe
            Duration.ofMinutes(10),
            1024,
            2,
            Accel.TCG,
            Hypervisor.QEMU);
    List<String> prepareLog = new ArrayList<>();
    EventListener events =
        e -> {
          if (e instanceof LogLine l && l.source().equals("prepare")) {
            prepareLog.add(l.line());
          }
        };
    long start = System.nanoTime();
    VerifyReport r =
        new Verifier(Map.of())
            .verify(
                new VerifyRequest(
                    "it/provisioned",
                    TestImage.rootfs(),
                    List.of(new Suite(REPO.resolve("goss/provisioned.yaml"), vars, env)),
                    TargetKind.VM,
                    o,
                    Optional.of(prepare),
                    MACS),
                events);
    System.out.printf(
        "provisioned VM verification took %d s%n", (System.nanoTime() - start) / 1_000_000_000);
    List<String> failed =
        r.results().stream()
            .filter(t -> !t.successful())
            .map(
                t -> t.resourceId() + " " + t.property() + ": " + t.matcherResult() + " " + t.err())
            .toList();
    assertThat(failed).as(String.join("\n", prepareLog) + "\n" + r.consoleLog()).isEmpty();
    assertThat(r.results())
        .extracting(TestResult::resourceId)
        .contains("lan0", "lan1", "metal", "bgpd", "bgp router id and ASN", "no failed units");
    assertThat(prepareLog).anyMatch(l -> l.contains("metal-provision: done"));
    assertThat(TestImage.rootfs().resolve("etc/metal/machine-details.yaml"))
        .as("the image itself is never provisioned")
        .doesNotExist();
    assertThat(Files.readString(TestImage.rootfs().resolve("etc/passwd"))).doesNotContain("metal:");
  }
}
