package dev.osimages.engine.verify.resource;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The goss resource kinds this engine evaluates, with goss's property order, which properties chain
 * (when the first fails the rest are skipped), the extra attributes each accepts, and which need a
 * booted system. Declaration order is goss's order of resource types in a run.
 */
public enum ResourceKind {
  COMMAND(
      "command",
      "Command",
      false,
      false,
      Set.of("exec", "timeout"),
      Property.required("exit-status"),
      Property.stream("stdout"),
      Property.stream("stderr")),
  HTTP(
      "http",
      "HTTP",
      true,
      true,
      Set.of(
          "method",
          "allow-insecure",
          "no-follow-redirects",
          "timeout",
          "request-headers",
          "request-body",
          "username",
          "password",
          "ca-file",
          "cert-file",
          "key-file",
          "proxy"),
      Property.required("status"),
      Property.of("headers").named("Headers"),
      Property.stream("body").named("Body")),
  DNS(
      "dns",
      "DNS",
      true,
      true,
      Set.of("timeout", "server"),
      Property.required("resolvable"),
      Property.of("addrs")),
  PACKAGE(
      "package",
      "Package",
      true,
      false,
      Set.of("name"),
      Property.required("installed"),
      Property.of("versions").named("version")),
  SERVICE(
      "service",
      "Service",
      false,
      false,
      Set.of("name"),
      Property.of("enabled"),
      Property.of("running").atRuntime()),
  FILE(
      "file",
      "File",
      true,
      false,
      Set.of("path"),
      Property.required("exists"),
      Property.of("mode"),
      Property.of("owner"),
      Property.of("uid"),
      Property.of("group"),
      Property.of("gid"),
      Property.of("linked-to").named("linkedto"),
      Property.of("filetype"),
      Property.stream("contents"),
      Property.of("size"),
      Property.of("md5"),
      Property.of("sha256"),
      Property.of("sha512")),
  PROCESS("process", "Process", false, true, Set.of("comm"), Property.required("running")),
  USER(
      "user",
      "User",
      true,
      false,
      Set.of("username"),
      Property.required("exists"),
      Property.of("uid"),
      Property.of("gid"),
      Property.of("home"),
      Property.of("groups"),
      Property.of("shell")),
  GROUP(
      "group",
      "Group",
      true,
      false,
      Set.of("groupname"),
      Property.required("exists"),
      Property.of("gid")),
  PORT(
      "port",
      "Port",
      true,
      true,
      Set.of("port"),
      Property.required("listening"),
      Property.of("ip")),
  KERNEL_PARAM(
      "kernel-param", "KernelParam", false, true, Set.of("name"), Property.required("value")),
  MOUNT(
      "mount",
      "Mount",
      true,
      true,
      Set.of("mountpoint", "timeout"),
      Property.required("exists"),
      Property.of("opts"),
      Property.of("vfs-opts"),
      Property.of("source"),
      Property.of("filesystem"),
      Property.of("usage")),
  INTERFACE(
      "interface",
      "Interface",
      true,
      true,
      Set.of("name"),
      Property.required("exists"),
      Property.of("addrs"),
      Property.of("mtu")),
  MATCHING(
      "matching",
      "Matching",
      false,
      false,
      Set.of("content", "as-reader"),
      Property.required("matches"));

  private static final Set<String> COMMON = Set.of("title", "meta", "skip");

  private final String yamlKey;
  private final String typeName;
  private final boolean chained;
  private final boolean runtime;
  private final Set<String> attributes;
  private final List<Property> properties;

  ResourceKind(
      String yamlKey,
      String typeName,
      boolean chained,
      boolean runtime,
      Set<String> attributes,
      Property... properties) {
    this.yamlKey = yamlKey;
    this.typeName = typeName;
    this.chained = chained;
    this.runtime = runtime;
    this.attributes = attributes;
    this.properties = Arrays.stream(properties).map(p -> runtime ? p.atRuntime() : p).toList();
  }

  /** The kind for a top-level goss YAML key ("file", "kernel-param"). */
  public static Optional<ResourceKind> forKey(String key) {
    return Arrays.stream(values()).filter(k -> k.yamlKey.equals(key)).findFirst();
  }

  /** The YAML key of this kind. */
  public String yamlKey() {
    return yamlKey;
  }

  /** The name goss reports ("File", "KernelParam"). */
  public String typeName() {
    return typeName;
  }

  /** Whether a failing first property skips the others (goss's shouldSkip). */
  public boolean chained() {
    return chained;
  }

  /** Whether every property of this kind needs a running system. */
  public boolean runtime() {
    return runtime;
  }

  /** Properties in goss's evaluation order. */
  public List<Property> properties() {
    return properties;
  }

  /** Every attribute a resource of this kind may carry; anything else is a load error. */
  public Set<String> allowedAttributes() {
    Stream<String> aliases =
        this == FILE
            ? Stream.of("contains")
            : this == DNS ? Stream.of("resolveable") : Stream.empty();
    return Stream.of(
            COMMON.stream(), attributes.stream(), aliases, properties.stream().map(Property::key))
        .flatMap(s -> s)
        .collect(Collectors.toUnmodifiableSet());
  }
}
