package dev.osimages.engine.verify.gossfile;

import java.util.List;

/** A function a goss template can call: Go's builtins, Sprig's, goss's own. */
@FunctionalInterface
interface TemplateFunction {
  /** Calls the function with evaluated arguments (the piped value last). */
  Object call(List<Object> args) throws Failure;

  /** The function failed; the message is Go's wording after "error calling NAME: ". */
  class Failure extends Exception {
    Failure(String message) {
      super(message);
    }
  }

  /** The wrong number of arguments; the message is Go's "want N got M". */
  final class Arity extends Failure {
    Arity(String message) {
      super(message);
    }
  }
}
