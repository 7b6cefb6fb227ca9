package dev.osimages.engine.builder;

import dev.osimages.engine.event.Event;
import java.time.Duration;

/**
 * A build step finished: which stage and Dockerfile line, the instruction as shown to users,
 * whether the cache served it, and how long it took.
 */
public record BuildStep(
    String cell, String stage, int line, String instruction, boolean cached, Duration took)
    implements Event {}
