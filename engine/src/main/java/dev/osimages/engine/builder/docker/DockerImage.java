package dev.osimages.engine.builder.docker;

import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.osimages.engine.builder.DaemonImage;
import dev.osimages.engine.model.Hygiene;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A Docker backend result: an image in the daemon. Its filesystem is read by creating a container
 * (never started) and streaming the container's export; closing the stream removes the container,
 * however far it was read.
 */
final class DockerImage implements DaemonImage {
  private final DockerDaemon daemon;
  private final String cell;
  private final String id;
  private final ImageTraces traces;

  DockerImage(DockerDaemon daemon, String cell, String id, Hygiene hygiene) {
    this.daemon = daemon;
    this.cell = cell;
    this.id = id;
    this.traces = new ImageTraces(hygiene);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Edit edit(String path, Kind kind, long size, String linkTarget) {
    return traces.edit(path, kind, size, linkTarget);
  }

  @Override
  public InputStream openTar() {
    String container;
    try {
      // The command is never run; images without CMD need one to make a container at all.
      CreateContainerResponse c =
          daemon
              .client()
              .createContainerCmd(id)
              .withCmd("/osimages-export-only")
              .withNetworkDisabled(true)
              .withLabels(java.util.Map.of("dev.osimages.export", cell))
              .exec();
      container = c.getId();
    } catch (RuntimeException e) {
      throw DaemonErrors.during(cell, "export: creating a container from " + id, e);
    }
    try {
      DockerHttpClient.Response r =
          daemon
              .http()
              .execute(
                  DockerHttpClient.Request.builder()
                      .method(DockerHttpClient.Request.Method.GET)
                      .path("/v" + daemon.apiVersion() + "/containers/" + container + "/export")
                      .build());
      if (r.getStatusCode() != 200) {
        String body =
            new String(r.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        r.close();
        throw new IOException("HTTP " + r.getStatusCode() + ": " + body.strip());
      }
      return new Export(r, container);
    } catch (IOException | RuntimeException e) {
      remove(container, e);
      throw DaemonErrors.during(cell, "export of container " + container, e);
    }
  }

  private void remove(String container, Throwable failure) {
    try {
      daemon.client().removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec();
    } catch (RuntimeException e) {
      if (failure != null) {
        failure.addSuppressed(e);
      } else {
        throw DaemonErrors.during(cell, "removing export container " + container, e);
      }
    }
  }

  /** The export stream; closing it closes the response and removes the container. */
  private final class Export extends FilterInputStream {
    private final DockerHttpClient.Response response;
    private final String container;
    private boolean closed;

    Export(DockerHttpClient.Response response, String container) {
      super(response.getBody());
      this.response = response;
      this.container = container;
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        response.close();
      } finally {
        remove(container, null);
      }
    }
  }
}
