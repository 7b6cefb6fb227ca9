package dev.osimages.engine.registry;

/**
 * A user name and secret for one registry, as a credential store or helper gives it. {@link
 * #toString} never shows the secret, so a credential cannot leak into a log or a message.
 */
public record Credential(String user, String secret) {
  @Override
  public String toString() {
    return "Credential[" + user + ", ***]";
  }
}
