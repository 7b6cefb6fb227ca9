package dev.osimages.engine.verify.targets;

import dev.osimages.engine.verify.resource.ResourceDecl;

/** The shell snippet for an http resource: needs curl in the image, as goss needs a network. */
final class HttpProbe {
  private HttpProbe() {}

  static String snippet(int i, String q, ResourceDecl r) {
    long ms = r.attrs().get("timeout") instanceof Number n ? n.longValue() : 5000;
    String flags = Boolean.TRUE.equals(r.attrs().get("allow-insecure")) ? " -k" : "";
    if (!Boolean.TRUE.equals(r.attrs().get("no-follow-redirects"))) {
      flags += " -L";
    }
    flags += curlOptions(r);
    String method = ProbeScript.quote(r.attr("method", "GET"));
    return "if command -v curl >/dev/null 2>&1; then o=$(curl -s"
        + flags
        + " -X "
        + method
        + " --max-time "
        + Math.max(1, ms / 1000)
        + " -o \"$T/b\" -D \"$T/h\" -w '%{http_code}' "
        + q
        + "); r "
        + i
        + " rc $?; r "
        + i
        + " status \"$o\"; rf "
        + i
        + " body \"$T/b\"; rf "
        + i
        + " headers \"$T/h\"; else r "
        + i
        + " nocurl 1; fi\n";
  }

  /** goss's request attributes as curl options (headers, body, basic auth, TLS files, proxy). */
  private static String curlOptions(ResourceDecl r) {
    StringBuilder b = new StringBuilder();
    if (r.attrs().get("request-headers") instanceof java.util.List<?> headers) {
      headers.forEach(h -> b.append(" -H ").append(ProbeScript.quote(String.valueOf(h))));
    }
    String[][] simple = {
      {"request-body", "--data-binary"},
      {"ca-file", "--cacert"},
      {"cert-file", "--cert"},
      {"key-file", "--key"},
      {"proxy", "-x"}
    };
    for (String[] o : simple) {
      if (r.attrs().get(o[0]) != null) {
        b.append(' ').append(o[1]).append(' ').append(ProbeScript.quote(r.attr(o[0], "")));
      }
    }
    if (r.attrs().get("username") != null) {
      String user = r.attr("username", "") + ":" + r.attr("password", "");
      b.append(" -u ").append(ProbeScript.quote(user));
    }
    return b.toString();
  }
}
