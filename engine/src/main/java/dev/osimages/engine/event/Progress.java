package dev.osimages.engine.event;

/**
 * Progress of long work: {@code done} of {@code total} units ({@code total} is -1 when unknown).
 */
public record Progress(String cell, String stage, long done, long total, String unit)
    implements Event {}
