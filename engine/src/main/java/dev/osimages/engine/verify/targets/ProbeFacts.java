package dev.osimages.engine.verify.targets;

import dev.osimages.engine.verify.resource.FactException;
import dev.osimages.engine.verify.resource.Facts;
import dev.osimages.engine.verify.resource.Property;
import dev.osimages.engine.verify.resource.ResourceDecl;
import dev.osimages.engine.verify.resource.ResourceKind;
import java.util.List;

/**
 * Facts read from a probe's output, turned into the values goss's system layer returns. On the
 * rootfs target runtime-only properties are unavailable (skipped with the reason).
 */
public final class ProbeFacts implements Facts {
  private final List<ResourceDecl> resources;
  private final ProbeOutput out;
  private final String target;
  private final boolean booted;

  /** Facts of a probe run; {@code booted} says whether runtime properties could be gathered. */
  public ProbeFacts(List<ResourceDecl> resources, ProbeOutput out, String target, boolean booted) {
    this.resources = resources;
    this.out = out;
    this.target = target;
    this.booted = booted;
  }

  /** Availability only (no output yet): used to compile the probe. */
  public static ProbeFacts plan(List<ResourceDecl> resources, String target, boolean booted) {
    return new ProbeFacts(resources, new ProbeOutput(java.util.Map.of(), false), target, booted);
  }

  @Override
  public String unavailable(ResourceDecl r, Property p) {
    if (!booted && p.runtime()) {
      return "needs a running system; not available on target " + target;
    }
    if (target.equals("boot") && r.kind() == ResourceKind.KERNEL_PARAM) {
      return ContainerSysctls.notOwned(ProbeScript.subject(r));
    }
    return null;
  }

  @Override
  public Object actual(ResourceDecl r, Property p) throws FactException {
    int i = indexOf(r);
    String key = p.key().equals("contains") ? "contents" : p.key();
    return switch (r.kind()) {
      case FILE -> FileFacts.actual(out, i, key, ProbeScript.subject(r));
      case USER -> AccountFacts.user(out, ProbeScript.subject(r), key);
      case GROUP -> AccountFacts.group(out, ProbeScript.subject(r), key);
      case PACKAGE -> PackageFacts.actual(out, i, key, ProbeScript.subject(r));
      case SERVICE -> rc(i, key, r) == 0;
      case COMMAND -> CommandFacts.actual(out, i, key, r);
      case KERNEL_PARAM -> {
        String v = out.get(i, "value");
        if (v == null) {
          throw new FactException(
              "open /proc/sys/"
                  + ProbeScript.subject(r).replace('.', '/')
                  + ": no such file or directory");
        }
        yield v.strip();
      }
      case PROCESS -> lines(out.global("procs")).contains(ProbeScript.subject(r));
      case PORT -> PortFacts.actual(out, ProbeScript.subject(r), key);
      case MOUNT -> RuntimeFacts.mount(out, ProbeScript.subject(r), key);
      case INTERFACE -> RuntimeFacts.iface(out, i, key);
      case DNS -> {
        if (r.attrs().get("server") != null) {
          throw new FactException(
              "dns server is not supported by this engine (system resolver only)");
        }
        yield RuntimeFacts.dns(out, i, key);
      }
      case HTTP -> RuntimeFacts.http(out, i, key);
      case MATCHING -> r.attrs().get("content");
    };
  }

  private int rc(int i, String field, ResourceDecl r) throws FactException {
    String v = out.get(i, field);
    if (v == null) {
      throw new FactException(field + " of " + r.id() + ": no result from the probe");
    }
    return Integer.parseInt(v.strip());
  }

  private int indexOf(ResourceDecl r) {
    for (int i = 0; i < resources.size(); i++) {
      if (resources.get(i) == r) {
        return i;
      }
    }
    return -1;
  }

  static List<String> lines(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    return List.of(text.split("\n"));
  }
}
