package dev.osimages.engine.event;

/** One line of output from a process the stage runs (a RUN step, mmdebstrap, a VM console). */
public record LogLine(String cell, String source, String line) implements Event {}
