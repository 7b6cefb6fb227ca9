package dev.osimages.engine.event;

/** A stage (build, export, verify) or a step inside it started. */
public record StageStarted(String cell, String stage, String step) implements Event {}
