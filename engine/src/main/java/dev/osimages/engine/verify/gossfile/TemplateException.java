package dev.osimages.engine.verify.gossfile;

/** A goss template could not be parsed or rendered; the message starts with file:line. */
final class TemplateException extends Exception {
  TemplateException(String file, int line, String message) {
    super(file + ":" + line + ": " + message);
  }
}
