package dev.osimages.engine.verify.resource;

/** A fact could not be gathered (a file unreadable, a command timed out); fails that one test. */
public final class FactException extends Exception {
  public FactException(String message) {
    super(message);
  }
}
