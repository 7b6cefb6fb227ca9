package dev.osimages.engine.builder;

import java.time.Duration;

/** How long one step took and whether the cache served it. {@code line} is 0 for engine steps. */
public record StepTiming(
    String stage, int line, String instruction, boolean cached, Duration took) {}
