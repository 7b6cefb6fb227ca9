package dev.osimages.engine.run;

import dev.osimages.engine.model.TargetKind;
import java.util.Optional;

/**
 * How a matrix run behaves: parallel cells, whether to ignore the step cache, rebuild up-to-date
 * cells, override the test matrix's targets, and the verification target options.
 */
public record RunOptions(
    int jobs, boolean noCache, boolean force, Optional<TargetKind> target, int exportThreads) {}
