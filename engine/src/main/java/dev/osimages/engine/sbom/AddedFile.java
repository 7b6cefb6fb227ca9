package dev.osimages.engine.sbom;

import java.util.Optional;

/**
 * A file the image's templates put there from outside any package: a file of the build context that
 * a COPY or ADD places, or a download pinned by its checksum.
 *
 * @param path where it lands in the image ({@code /etc/motd}); "" when the build does not say
 * @param sha256 hex sha256 of its content
 * @param source where it came from: the context directory and path ({@code
 *     contexts/common/etc/motd}) or the download URL
 * @param downloadUrl the URL of a download, empty for a context file
 */
public record AddedFile(String path, String sha256, String source, Optional<String> downloadUrl) {}
