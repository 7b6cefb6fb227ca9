package dev.osimages.engine.verify.targets;

import dev.osimages.engine.verify.resource.FactException;
import java.util.ArrayList;
import java.util.List;

/**
 * Packages as goss sees them: dpkg counts "install ok installed" and "hold ok installed"; rpm
 * counts a zero exit of {@code rpm -q}. Versions are the installed versions, in order.
 */
final class PackageFacts {
  private PackageFacts() {}

  static Object actual(ProbeOutput out, int i, String key, String name) throws FactException {
    List<String> versions = new ArrayList<>();
    String dpkg = out.global("dpkg");
    if (dpkg != null) {
      for (String line : ProbeFacts.lines(dpkg)) {
        String[] f = line.split("\t", -1);
        boolean ours = f.length == 4 && (f[0].equals(name) || f[1].equals(name));
        if (ours && (f[2].equals("install ok installed") || f[2].equals("hold ok installed"))) {
          versions.add(f[3].strip());
        }
      }
    } else if (out.get(i, "rpm") != null) {
      if ("0".equals(out.get(i, "rpmrc").strip())) {
        versions.addAll(ProbeFacts.lines(out.get(i, "rpm").strip()));
      }
    } else {
      throw new FactException("package " + name + ": no dpkg-query or rpm in the image");
    }
    if (key.equals("installed")) {
      return !versions.isEmpty();
    }
    if (versions.isEmpty()) {
      throw new FactException("Package " + name + " is not installed");
    }
    return versions;
  }
}
