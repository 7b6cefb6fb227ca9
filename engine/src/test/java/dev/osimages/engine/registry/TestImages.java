package dev.osimages.engine.registry;

import dev.osimages.engine.host.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Small base images a registry test pushes with skopeo, made with umoci (nobody here wrote either):
 * an OCI layout whose image {@code base} has two layers, the second deleting a file of the first (a
 * whiteout) and adding one; and {@code armonly}, an index that lists that manifest for linux/arm64
 * only.
 */
public final class TestImages {
  public static final String MARKER = "only the registry base has this";

  private TestImages() {}

  /** Makes the layout at {@code dir/layout}; returns it. */
  public static Path layout(Path dir) throws Exception {
    return layout(dir, MARKER);
  }

  /** The same with {@code marker} in {@code /etc/registry-base}: distinct blobs per marker. */
  public static Path layout(Path dir, String marker) throws Exception {
    Files.createDirectories(dir);
    Path layout = dir.resolve("layout");
    Path bundle = dir.resolve("bundle");
    TestPki.sh(
        dir,
        String.join(
            " && ",
            "umoci init --layout " + layout,
            "umoci new --image " + layout + ":base",
            "umoci unpack --image " + layout + ":base " + bundle,
            "mkdir -p " + bundle + "/rootfs/bin " + bundle + "/rootfs/etc",
            "cp /bin/busybox " + bundle + "/rootfs/bin/busybox",
            "ln -s busybox " + bundle + "/rootfs/bin/sh",
            "ln -s busybox " + bundle + "/rootfs/bin/cat",
            "echo '" + marker + "' > " + bundle + "/rootfs/etc/registry-base",
            "echo doomed > " + bundle + "/rootfs/etc/gone",
            "umoci repack --image " + layout + ":base " + bundle,
            "rm -rf " + bundle,
            "umoci unpack --image " + layout + ":base " + bundle,
            "rm " + bundle + "/rootfs/etc/gone",
            "echo second > " + bundle + "/rootfs/etc/second-layer",
            "umoci repack --image " + layout + ":base " + bundle,
            "rm -rf " + bundle));
    return layout;
  }

  /**
   * An AlmaLinux-shaped base at {@code dir/layout}: busybox, an os-release saying almalinux, and an
   * rpm database (/var/lib/rpm, made with the host's rpm) holding one package built with rpmbuild,
   * as {@code layout:base}.
   */
  public static Path almaLayout(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("SPECS"));
    Files.writeString(
        dir.resolve("SPECS/hello.spec"),
        "Name: hello-image\nVersion: 1.0\nRelease: 1\nSummary: t\nLicense: MIT\n"
            + "BuildArch: noarch\n%description\nt\n%files\n");
    Path layout = dir.resolve("layout");
    Path bundle = dir.resolve("bundle");
    Path root = bundle.resolve("rootfs");
    TestPki.sh(
        dir,
        String.join(
            " && ",
            "rpmbuild --quiet --define '_topdir " + dir + "' -bb SPECS/hello.spec",
            "umoci init --layout " + layout,
            "umoci new --image " + layout + ":base",
            "umoci unpack --image " + layout + ":base " + bundle,
            "mkdir -p " + root + "/bin " + root + "/etc " + root + "/tmp",
            "cp /bin/busybox " + root + "/bin/busybox",
            "for a in sh cat ls; do ln -s busybox " + root + "/bin/$a; done",
            "printf 'NAME=\"AlmaLinux\"\\nID=\"almalinux\"\\nVERSION_ID=\"9.9\"\\n' > "
                + root
                + "/etc/os-release",
            "echo 'an AlmaLinux-shaped base' > " + root + "/etc/alma-base",
            "rpm --root " + root + " --dbpath /var/lib/rpm --initdb",
            "rpm --root "
                + root
                + " --dbpath /var/lib/rpm -i --nodeps --justdb --noscripts"
                + " RPMS/noarch/hello-image-1.0-1.noarch.rpm 2>/dev/null",
            "umoci repack --image " + layout + ":base " + bundle,
            "rm -rf " + bundle));
    return layout;
  }

  /**
   * A copy of {@code layout} whose layers are recompressed with the zstd tool (skopeo 1.9 cannot
   * recompress to zstd): manifest and index rewritten to point at them.
   */
  public static Path zstdLayout(Path layout, Path dir) throws Exception {
    Path out = dir.resolve("layout-zstd");
    TestPki.sh(dir, "cp -a " + layout + " " + out);
    JSONObject index = new JSONObject(Files.readString(out.resolve("index.json")));
    JSONObject entry = index.getJSONArray("manifests").getJSONObject(0);
    JSONObject manifest = new JSONObject(Files.readString(blob(out, entry.getString("digest"))));
    JSONArray layers = manifest.getJSONArray("layers");
    for (int i = 0; i < layers.length(); i++) {
      JSONObject l = layers.getJSONObject(i);
      Path z = dir.resolve("layer.zst");
      TestPki.sh(dir, "gzip -dc " + blob(out, l.getString("digest")) + " | zstd -q -f -o " + z);
      String digest = "sha256:" + Digests.ofFile(z);
      Files.move(z, blob(out, digest));
      l.put("digest", digest).put("size", Files.size(blob(out, digest)));
      l.put("mediaType", MediaTypes.OCI_LAYER_ZSTD);
    }
    byte[] m = manifest.toString().getBytes(StandardCharsets.UTF_8);
    String md = "sha256:" + Digests.ofBytes(m);
    Files.write(blob(out, md), m);
    entry.put("digest", md).put("size", m.length);
    Files.writeString(out.resolve("index.json"), index.toString());
    return out;
  }

  /**
   * Adds {@code armonly} to {@code layout}: an index listing the manifest of {@code base} as
   * linux/arm64 only.
   */
  public static void addArmOnlyIndex(Path layout) throws Exception {
    JSONObject index = new JSONObject(Files.readString(layout.resolve("index.json")));
    JSONObject base = index.getJSONArray("manifests").getJSONObject(0);
    JSONObject entry =
        new JSONObject()
            .put("mediaType", MediaTypes.OCI_MANIFEST)
            .put("digest", base.getString("digest"))
            .put("size", base.getLong("size"))
            .put("platform", new JSONObject().put("os", "linux").put("architecture", "arm64"));
    JSONObject nested =
        new JSONObject()
            .put("schemaVersion", 2)
            .put("mediaType", MediaTypes.OCI_INDEX)
            .put("manifests", new JSONArray().put(entry));
    byte[] b = nested.toString().getBytes(StandardCharsets.UTF_8);
    String d = "sha256:" + Digests.ofBytes(b);
    Files.write(blob(layout, d), b);
    index
        .getJSONArray("manifests")
        .put(
            new JSONObject()
                .put("mediaType", MediaTypes.OCI_INDEX)
                .put("digest", d)
                .put("size", b.length)
                .put(
                    "annotations",
                    new JSONObject().put("org.opencontainers.image.ref.name", "armonly")));
    Files.writeString(layout.resolve("index.json"), index.toString());
  }

  public static Path blob(Path layout, String digest) {
    return layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
  }

  /** Pushes {@code layout:base} as {@code ref} with skopeo ({@code extra}: compression flags). */
  public static void push(LoopbackRegistry r, String creds, Path layout, String ref, String extra)
      throws Exception {
    push(r, creds, layout, "base", ref, extra);
  }

  /** Pushes {@code layout:name} as {@code ref}. */
  public static void push(
      LoopbackRegistry r, String creds, Path layout, String name, String ref, String extra)
      throws Exception {
    TestPki.sh(
        layout.getParent(),
        "skopeo copy -q "
            + extra
            + " "
            + r.skopeoDest(creds)
            + " oci:"
            + layout
            + ":"
            + name
            + " docker://"
            + ref);
  }
}
