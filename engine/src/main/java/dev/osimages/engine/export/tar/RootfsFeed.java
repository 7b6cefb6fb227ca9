package dev.osimages.engine.export.tar;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Runs {@link RootfsScanner} on a thread of its own and hands its members to the tarball writer as
 * they come. Walking 18,000 files and reading their xattrs takes a second or more; done up front,
 * that second passed with the compression threads idle. The queue is bounded, so a fast walk never
 * holds more than a few batches; a failure of the walk is rethrown to the reader, with its cause.
 */
public final class RootfsFeed implements AutoCloseable {
  private static final int QUEUE_BATCHES = 8;

  /** Marks the end of the walk in the queue (compared by identity). */
  private static final List<RootfsScanner.Item> END = List.of();

  private final BlockingQueue<List<RootfsScanner.Item>> queue =
      new ArrayBlockingQueue<>(QUEUE_BATCHES);
  private final Thread walker;
  private volatile Throwable failure;
  private volatile long contentBytes = -1;
  private volatile int items;
  private Iterator<RootfsScanner.Item> batch = List.<RootfsScanner.Item>of().iterator();
  private boolean ended;

  private RootfsFeed(Path rootfs, ExcludeRules rules, Consumer<String> warnings) {
    this.walker = new Thread(() -> walk(rootfs, rules, warnings), "rootfs-walk");
    walker.setDaemon(true);
  }

  /** Starts walking {@code rootfs} in the background. */
  public static RootfsFeed start(Path rootfs, ExcludeRules rules, Consumer<String> warnings) {
    RootfsFeed feed = new RootfsFeed(rootfs, rules, warnings);
    feed.walker.start();
    return feed;
  }

  private void walk(Path rootfs, ExcludeRules rules, Consumer<String> warnings) {
    long[] bytes = {0};
    try {
      RootfsScanner.walk(
          rootfs,
          rules,
          warnings,
          b -> {
            for (RootfsScanner.Item i : b) {
              bytes[0] += i.entry().size();
            }
            items += b.size();
            queue.put(b);
          });
      contentBytes = bytes[0];
    } catch (IOException | RuntimeException | Error e) {
      failure = e;
    } catch (InterruptedException e) {
      return; // the reader gave up (close): nobody waits for the end mark
    }
    try {
      queue.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The next member in tar order, or null after the last; rethrows a failure of the walk. */
  public RootfsScanner.Item next() throws IOException {
    while (!batch.hasNext()) {
      if (ended) {
        return null;
      }
      List<RootfsScanner.Item> b;
      try {
        b = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while walking the root filesystem");
      }
      if (b == END) {
        ended = true;
        rethrow();
      }
      batch = b.iterator();
    }
    return batch.next();
  }

  /** The walk's own exception, so messages (and file names) read as before. */
  private void rethrow() throws IOException {
    Throwable f = failure;
    if (f instanceof IOException e) {
      throw e;
    } else if (f instanceof RuntimeException e) {
      throw e;
    } else if (f instanceof Error e) {
      throw e;
    }
  }

  /**
   * Content bytes plus about 1 KiB of headers per member, for progress; -1 while the walk is still
   * going.
   */
  public long estimate() {
    long c = contentBytes;
    return c < 0 ? -1 : c + 1024L * items;
  }

  /** Stops the walk if it is still going (after a failure of the reader). */
  @Override
  public void close() {
    walker.interrupt();
  }
}
