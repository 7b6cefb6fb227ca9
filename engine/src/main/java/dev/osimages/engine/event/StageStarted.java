package dev.osimages.engine.event;

/** A stage, or a step inside it ({@code step} empty for the stage as a whole), started. */
public record StageStarted(String cell, Stage stage, String step) implements Event {}
