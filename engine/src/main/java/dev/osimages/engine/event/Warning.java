package dev.osimages.engine.event;

/** Something the operator should know that does not fail the work. */
public record Warning(String cell, String message) implements Event {}
