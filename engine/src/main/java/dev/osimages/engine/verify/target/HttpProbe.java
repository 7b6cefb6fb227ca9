package dev.osimages.engine.verify.target;

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
}
