package dev.osimages.engine.run;

import java.nio.file.Path;

/**
 * What the per-cell pipeline needs from the command line beyond its collaborators: whether to
 * rebuild cells that are up to date, how many threads compress an export, and where a result kept
 * by a daemon (the Docker backend) is unpacked for verification. (Parallel cells, the step cache
 * and the target override are given to the scheduler, the builds and the verification directly.)
 */
public record RunOptions(boolean force, int exportThreads, Path scratch) {}
