package dev.osimages.engine.verify.resource;

/**
 * The actual values of a system, as gathered on one target. Values are what goss's system layer
 * returns: Boolean, Long, String, or List of String; streams are Strings.
 */
public interface Facts {
  /**
   * The actual value of one property of one resource.
   *
   * @throws FactException when the value cannot be had (goss reports it as the test's error)
   */
  Object actual(ResourceDecl resource, Property property) throws FactException;

  /**
   * Why a property cannot be tested on this target (e.g. "needs a booted system"), or null when it
   * can.
   */
  String unavailable(ResourceDecl resource, Property property);
}
