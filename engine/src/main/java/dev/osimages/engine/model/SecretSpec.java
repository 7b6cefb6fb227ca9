package dev.osimages.engine.model;

/**
 * Where a declared build secret comes from ({@code secrets: {ID: {file: PATH} | {env: VAR}}}): a
 * file (as written: absolute or relative to the declaration) or an environment variable. Only the
 * source is declared; the value is read when a build step mounts it.
 */
public sealed interface SecretSpec {
  /** A file holding the secret. */
  record File(String path) implements SecretSpec {}

  /** An environment variable holding the secret. */
  record Env(String variable) implements SecretSpec {}
}
