package dev.osimages.engine.verify.resource;

/**
 * One testable property of a resource kind: its YAML key, the name goss reports it under, whether
 * it is a stream (a list expectation means have-patterns), whether goss tests it even when the
 * suite leaves it out (then a missing value is goss's "Missing required attribute"), and whether it
 * needs a running system.
 */
public record Property(
    String key, String reportName, boolean stream, boolean required, boolean runtime) {

  static Property of(String key) {
    return new Property(key, key, false, false, false);
  }

  static Property required(String key) {
    return new Property(key, key, false, true, false);
  }

  static Property stream(String key) {
    return new Property(key, key, true, false, false);
  }

  Property named(String reportName) {
    return new Property(key, reportName, stream, required, runtime);
  }

  Property atRuntime() {
    return new Property(key, reportName, stream, required, true);
  }
}
