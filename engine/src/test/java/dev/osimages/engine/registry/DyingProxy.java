package dev.osimages.engine.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder on 127.0.0.1 in front of a registry that goes away for good once clients have
 * sent it {@code limit} bytes: every connection is cut and the port closed, as when a registry dies
 * in the middle of an upload. TLS passes through untouched.
 */
public final class DyingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int target;
  private final long limit;
  private final AtomicLong sent = new AtomicLong();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean dead;

  public DyingProxy(int target, long limit) throws IOException {
    this.target = target;
    this.limit = limit;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::accept, "dying-proxy");
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public boolean dead() {
    return dead;
  }

  private void accept() {
    while (!dead) {
      try {
        Socket c = server.accept();
        Socket r = new Socket(InetAddress.getLoopbackAddress(), target);
        sockets.add(c);
        sockets.add(r);
        pump(c, r, true);
        pump(r, c, false);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean upstream) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                  out.write(buf, 0, n);
                  if (upstream && sent.addAndGet(n) > limit) {
                    die();
                    return;
                  }
                }
              } catch (IOException e) {
                // a side closed: the other side goes too
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "dying-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private void die() {
    dead = true;
    closeQuietly(server);
    sockets.forEach(DyingProxy::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // already closed
    }
  }

  @Override
  public void close() {
    die();
  }
}
