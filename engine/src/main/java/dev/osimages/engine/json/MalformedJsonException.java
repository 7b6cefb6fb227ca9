package dev.osimages.engine.json;

/**
 * JSON text that does not parse, or lacks a member of the type asked for. The message says what and
 * where (the parser's words); callers add which file or program the text came from.
 */
public final class MalformedJsonException extends RuntimeException {
  MalformedJsonException(String message, Throwable cause) {
    super(message, cause);
  }
}
