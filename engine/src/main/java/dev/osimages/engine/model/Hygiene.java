package dev.osimages.engine.model;

/** What the builder removes from every image after its last step, beyond the fixed rules. */
public record Hygiene(boolean cleanApt) {}
