package dev.osimages.engine.registry;

import dev.osimages.engine.ExitCode;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import land.oras.ContainerRef;
import land.oras.auth.AuthProvider;
import land.oras.auth.AuthScheme;
import land.oras.auth.HttpClient;
import land.oras.auth.Scopes;
import land.oras.exception.OrasException;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * HTTP to one registry host through the ORAS SDK's client, which does the bearer-token challenge
 * flow (token request with the stored credentials, token cache per scope, a new token when one
 * expires), TLS with the given CA bundle, and redirects (credentials only to the same origin). This
 * class adds what the engine needs around it: basic credentials from {@link CredentialStore}, the
 * scheme from registries.conf, and failures turned into one-line {@link RegistryException}s with
 * the registry's own error text.
 */
final class RegistryHttp {
  private final String host;
  private final String scheme;
  private final HttpClient client;
  private final AuthProvider auth;
  private final boolean hasCredential;

  RegistryHttp(String host, boolean insecure, Optional<String> caBundle, Optional<Credential> c) {
    this.host = host;
    this.scheme = insecure ? "http" : "https";
    HttpClient.Builder b = HttpClient.Builder.builder().withTimeout(20);
    caBundle.ifPresent(b::withCaContent);
    this.client = b.build();
    this.hasCredential = c.isPresent();
    this.auth = c.<AuthProvider>map(BasicAuth::new).orElseGet(() -> new BasicAuth(null));
  }

  /** A response: status, headers (lower-case names) and body. */
  record Response<T>(int status, Map<String, String> headers, T body) {
    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase()));
    }
  }

  URI uri(ImageRef repo, String path) {
    return URI.create(scheme + "://" + repo.apiHost() + "/v2/" + repo.repository() + path);
  }

  URI absolute(ImageRef repo, String location) {
    return location.startsWith("http://") || location.startsWith("https://")
        ? URI.create(location)
        : URI.create(
            scheme + "://" + repo.apiHost() + (location.startsWith("/") ? "" : "/") + location);
  }

  Response<String> get(ImageRef ref, URI uri, Map<String, String> headers) {
    return call(ref, () -> wrap(client.get(uri, headers, scopes(ref), auth)));
  }

  Response<String> head(ImageRef ref, URI uri, Map<String, String> headers) {
    return call(ref, () -> wrap(client.head(uri, headers, scopes(ref), auth)));
  }

  Response<InputStream> download(ImageRef ref, URI uri, Map<String, String> headers) {
    return call(ref, () -> wrap(client.download(uri, headers, scopes(ref), auth)));
  }

  Response<String> post(ImageRef ref, URI uri, Map<String, String> headers) {
    return call(ref, () -> wrap(client.post(uri, new byte[0], headers, scopes(ref), auth)));
  }

  Response<String> put(ImageRef ref, URI uri, byte[] body, Map<String, String> headers) {
    return call(ref, () -> wrap(client.put(uri, body, headers, scopes(ref), auth)));
  }

  Response<String> putStream(
      ImageRef ref,
      URI uri,
      long size,
      java.util.function.Supplier<InputStream> body,
      Map<String, String> headers) {
    return call(ref, () -> wrap(client.upload(uri, size, headers, body, scopes(ref), auth)));
  }

  /**
   * A failure of {@code what} on {@code ref} with status {@code r.status}, in the registry's words.
   */
  RegistryException failure(ImageRef ref, String what, Response<String> r) {
    String words = errorText(r.body());
    if (r.status() == 401 && !hasCredential) {
      words = words + " (no credentials for " + host + " were found)";
    }
    return new RegistryException(
        ref + ": " + what + ": " + host + " answered " + r.status() + ": " + words,
        r.status(),
        missingCredential(r.status()),
        null);
  }

  /** A refusal for want of credentials is the environment's lack (exit 4), else a failure. */
  private ExitCode missingCredential(int status) {
    return (status == 401 || status == 403) && !hasCredential
        ? ExitCode.ENVIRONMENT
        : ExitCode.FAILED;
  }

  private static Scopes scopes(ImageRef ref) {
    return Scopes.of(ContainerRef.parse(ref.name() + ":" + ref.tag().orElse("latest")));
  }

  private static <T> Response<T> wrap(HttpClient.ResponseWrapper<T> w) {
    return new Response<>(w.statusCode(), w.headers(), w.response());
  }

  private <T> Response<T> call(ImageRef ref, java.util.function.Supplier<Response<T>> request) {
    try {
      return request.get();
    } catch (OrasException e) {
      throw translate(ref, e);
    }
  }

  /** The registry's error text: the distribution spec's {@code errors[].message}, else the body. */
  static String errorText(String body) {
    if (body == null || body.isBlank()) {
      return "(no error text)";
    }
    try {
      JSONArray errors = new JSONObject(body).getJSONArray("errors");
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < errors.length(); i++) {
        JSONObject e = errors.getJSONObject(i);
        b.append(i == 0 ? "" : "; ")
            .append(e.optString("code").toLowerCase().replace('_', ' '))
            .append(": ")
            .append(e.optString("message"));
      }
      return b.toString();
    } catch (JSONException e) {
      String line = body.strip().lines().findFirst().orElse("");
      return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
  }

  private RegistryException translate(ImageRef ref, OrasException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    Integer status = e.getStatusCode();
    if (status != null && status > 0) {
      String why =
          status == 401 || status == 403
              ? (hasCredential
                  ? "unauthorized: the credentials for " + host + " were refused"
                  : "unauthorized: authentication required, and no credentials for "
                      + host
                      + " were found")
              : e.getMessage();
      return new RegistryException(
          ref + ": " + host + " answered " + status + ": " + why,
          status,
          missingCredential(status),
          e);
    }
    String why;
    if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
      String api = ref.apiHost();
      why =
          "registry unreachable: cannot resolve "
              + api
              + (api.equals(host) ? "" : " (" + host + ")");
    } else if (root instanceof HttpConnectTimeoutException) {
      why = "registry unreachable: connecting to " + host + " timed out";
    } else if (root instanceof ConnectException) {
      why = "registry unreachable: cannot connect to " + host + " (" + text(root) + ")";
    } else if (root instanceof java.nio.channels.ClosedChannelException
        || root instanceof java.io.EOFException
        || String.valueOf(root.getMessage()).toLowerCase().contains("connection reset")) {
      why = "registry unreachable: the connection to " + host + " was closed (" + text(root) + ")";
    } else if (root instanceof SSLException
        || root instanceof java.security.cert.CertificateException
        || root.getClass().getName().startsWith("sun.security")) {
      why = "TLS with " + host + " failed: " + text(root);
    } else {
      why = "talking to " + host + " failed: " + text(root);
    }
    return new RegistryException(ref + ": " + why, 0, ExitCode.FAILED, e);
  }

  private static String text(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank()
        ? t.getClass().getSimpleName()
        : m.lines().findFirst().orElse(m);
  }

  /** Basic credentials (the token flow sends them to the token service too), or none. */
  private record BasicAuth(Credential credential) implements AuthProvider {
    @Override
    public String getAuthHeader(ContainerRef registry) {
      if (credential == null) {
        return null;
      }
      String pair = credential.user() + ":" + credential.secret();
      return "Basic "
          + java.util.Base64.getEncoder()
              .encodeToString(pair.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public AuthScheme getAuthScheme() {
      return credential == null ? AuthScheme.NONE : AuthScheme.BASIC;
    }

    @Override
    public String toString() {
      return "BasicAuth[***]";
    }
  }
}
