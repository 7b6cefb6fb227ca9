package dev.osimages.engine.event;

import java.time.Duration;

/** A stage (or a step inside it) finished, successfully or not. */
public record StageFinished(String cell, Stage stage, String step, boolean ok, Duration took)
    implements Event {}
