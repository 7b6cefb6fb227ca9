package dev.osimages.engine.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request as a client of a forward proxy sends it: {@code GET http://host/path
 * HTTP/1.1}, headers, no body. Read straight from the connection, so pipelined requests (apt sends
 * several at once) are taken one after the other.
 *
 * @param headers header values by lower-case name
 */
record ProxyRequest(String method, String uri, String version, Map<String, String> headers) {
  private static final int MAX_LINE = 16 * 1024;
  private static final int MAX_HEADERS = 100;

  /** The next request on {@code in}, or null when the client closed the connection. */
  static ProxyRequest read(InputStream in) throws IOException {
    String line = line(in);
    while (line != null && line.isEmpty()) {
      line = line(in); // tolerate stray CRLFs between requests (RFC 9112 2.2)
    }
    if (line == null) {
      return null;
    }
    String[] parts = line.split(" ");
    if (parts.length != 3) {
      throw new IOException("malformed request line: " + line);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
      int c = h.indexOf(':');
      if (c > 0 && headers.size() < MAX_HEADERS) {
        headers.put(h.substring(0, c).strip().toLowerCase(Locale.ROOT), h.substring(c + 1).strip());
      }
    }
    return new ProxyRequest(parts[0], parts[1], parts[2], headers);
  }

  /** True when the request carries a body, which this proxy does not take. */
  boolean hasBody() {
    return headers.containsKey("transfer-encoding")
        || !headers.getOrDefault("content-length", "0").equals("0");
  }

  /** True when the connection stays open after the response. */
  boolean keepAlive() {
    String c = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
    return version.equals("HTTP/1.1") ? !c.contains("close") : c.contains("keep-alive");
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); ; c = in.read()) {
      if (c < 0) {
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
      }
      if (c == '\n') {
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      if (b.size() >= MAX_LINE) {
        throw new IOException("request line or header longer than " + MAX_LINE + " bytes");
      }
      b.write(c);
    }
  }
}
