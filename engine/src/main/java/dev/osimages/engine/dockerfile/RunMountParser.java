package dev.osimages.engine.dockerfile;

import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Reads one {@code --mount} value into a {@link RunMount}, field by field, as BuildKit does. */
final class RunMountParser {
  private final UnaryOperator<String> expand;
  private RunMount.Type type = RunMount.Type.BIND;
  private String from = "";
  private String source = "";
  private String target = "";
  private Boolean readOnly;
  private String id = "";
  private RunMount.Sharing sharing;
  private Optional<Integer> mode = Optional.empty();
  private Optional<Integer> uid = Optional.empty();
  private Optional<Integer> gid = Optional.empty();
  private boolean required;
  private long size;
  private Optional<String> env = Optional.empty();

  RunMountParser(UnaryOperator<String> expand) {
    this.expand = expand;
  }

  RunMount parse(String spec) {
    for (String field : RunMount.fields(spec)) {
      int eq = field.indexOf('=');
      String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
      if (eq < 0) {
        flag(key, field);
        continue;
      }
      String value = expand.apply(field.substring(eq + 1));
      if (value != null) {
        option(key, value);
      } else if (key.equals("from") || key.equals("type")) {
        throw new IllegalArgumentException(
            "--mount " + key + "= does not take variables here; write the value out");
      }
    }
    return finish();
  }

  private void flag(String key, String field) {
    switch (key) {
      case "readonly", "ro" -> readOnly = true;
      case "readwrite", "rw" -> readOnly = false;
      case "required" -> required = requiredAllowed(key);
      default ->
          throw new IllegalArgumentException(
              "--mount field '" + field + "' must be a key=value pair");
    }
  }

  private void option(String key, String value) {
    switch (key) {
      case "type" -> type = MountValues.type(value);
      case "from" -> from = value;
      case "source", "src" -> source = value;
      case "target", "dst", "destination" -> target = value;
      case "readonly", "ro" -> readOnly = MountValues.bool(key, value);
      case "readwrite", "rw" -> readOnly = !MountValues.bool(key, value);
      case "required" -> required = requiredAllowed(key) && MountValues.bool(key, value);
      case "size" -> size = MountValues.size(value);
      case "id" -> id = value;
      case "sharing" -> sharing = MountValues.sharing(value);
      case "mode" -> mode = Optional.of(MountValues.number(key, value, 8));
      case "uid" -> uid = Optional.of(MountValues.number(key, value, 10));
      case "gid" -> gid = Optional.of(MountValues.number(key, value, 10));
      case "env" -> env = Optional.of(value);
      default ->
          throw new IllegalArgumentException(
              "--mount: unknown option '"
                  + key
                  + "' (expected type, from, source, target, ro, rw, id, sharing, mode, uid,"
                  + " gid, required, size or env)");
    }
  }

  private RunMount finish() {
    boolean fileInfo =
        type == RunMount.Type.SECRET || type == RunMount.Type.SSH || type == RunMount.Type.CACHE;
    if (!fileInfo && (mode.isPresent() || uid.isPresent() || gid.isPresent())) {
      throw new IllegalArgumentException(
          "--mount: mode, uid and gid are not allowed for type=" + name(type) + " mounts");
    }
    if (sharing != null && type != RunMount.Type.CACHE) {
      throw new IllegalArgumentException("--mount: sharing is only for type=cache mounts");
    }
    if (size != 0 && type != RunMount.Type.TMPFS) {
      throw new IllegalArgumentException("--mount: size is only for type=tmpfs mounts");
    }
    boolean ro =
        readOnly != null ? readOnly : type != RunMount.Type.CACHE && type != RunMount.Type.TMPFS;
    if (type == RunMount.Type.SECRET) {
      return secret(ro);
    }
    if (env.isPresent()) {
      throw new IllegalArgumentException("--mount: env is only for type=secret mounts");
    }
    if (target.isEmpty() && type != RunMount.Type.SSH) {
      throw new IllegalArgumentException("--mount type=" + name(type) + " needs a target");
    }
    String cacheId = type == RunMount.Type.CACHE && id.isEmpty() ? clean(target) : id;
    return new RunMount(
        type,
        from,
        source,
        target,
        ro,
        cacheId,
        sharing == null ? RunMount.Sharing.SHARED : sharing,
        mode,
        uid,
        gid,
        required,
        size,
        env);
  }

  private RunMount secret(boolean ro) {
    if (!from.isEmpty()) {
      throw new IllegalArgumentException("--mount type=secret does not take from");
    }
    if (!source.isEmpty() && !id.isEmpty()) {
      throw new IllegalArgumentException("--mount type=secret: give source or id, not both");
    }
    String secretId = !id.isEmpty() ? id : source;
    if (secretId.isEmpty() && target.isEmpty()) {
      throw new IllegalArgumentException("--mount type=secret needs an id or a target");
    }
    if (secretId.isEmpty()) {
      secretId = target.replaceAll("/+$", "").replaceAll(".*/", "");
    }
    String path = target.isEmpty() && env.isEmpty() ? "/run/secrets/" + secretId : target;
    if (env.isPresent() && !env.get().matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException(
          "--mount type=secret: env=" + env.get() + " is not a variable name");
    }
    return new RunMount(
        type,
        "",
        "",
        path,
        ro,
        secretId,
        RunMount.Sharing.SHARED,
        mode,
        uid,
        gid,
        required,
        0,
        env);
  }

  private boolean requiredAllowed(String key) {
    if (type != RunMount.Type.SECRET && type != RunMount.Type.SSH) {
      throw new IllegalArgumentException(
          "--mount: " + key + " is only for type=secret mounts (put type= first)");
    }
    return true;
  }

  /** The target as BuildKit cleans it for a default cache id ({@code /a/b/} is {@code /a/b}). */
  private static String clean(String path) {
    return java.nio.file.Path.of(path).normalize().toString();
  }

  private static String name(RunMount.Type t) {
    return t.name().toLowerCase(Locale.ROOT);
  }
}
