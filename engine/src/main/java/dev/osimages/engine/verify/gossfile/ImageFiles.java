package dev.osimages.engine.verify.gossfile;

import java.io.IOException;

/**
 * Where goss's {@code readFile} reads: goss runs on the system under test, so an absolute path
 * names a file of the image (resolved inside the image, never outside it) and a relative path a
 * file beside the suite (goss's working directory in the old pipeline).
 */
@FunctionalInterface
public interface ImageFiles {
  /** No image: every absolute path is absent. */
  ImageFiles NONE =
      path -> {
        throw new java.nio.file.NoSuchFileException(path + " (no image to read from)");
      };

  /** The content of an absolute path in the image. */
  String read(String absolutePath) throws IOException;
}
