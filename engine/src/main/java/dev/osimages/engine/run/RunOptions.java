package dev.osimages.engine.run;

/**
 * What the per-cell pipeline needs from the command line beyond its collaborators: whether to
 * rebuild cells that are up to date, and how many threads compress an export. (Parallel cells, the
 * step cache and the target override are given to the scheduler, the builds and the verification
 * directly.)
 */
public record RunOptions(boolean force, int exportThreads) {}
