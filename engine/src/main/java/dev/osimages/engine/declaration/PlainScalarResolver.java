package dev.osimages.engine.declaration;

import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Leaves plain scalars untyped (tagged {@link #PLAIN}) so {@link ScalarTypes} can type them by YAML
 * 1.2 rules; snakeyaml's own resolver follows YAML 1.1 ({@code yes} is true, {@code 010} is eight).
 * Quoted scalars resolve to {@code !!str} as usual; an explicit tag is kept as written.
 */
final class PlainScalarResolver extends Resolver {
  /** The tag given to every untagged plain scalar. */
  static final Tag PLAIN = new Tag("tag:osimages.dev,2025:plain");

  @Override
  public Tag resolve(NodeId kind, String value, boolean implicit) {
    if (kind == NodeId.scalar && implicit) {
      return PLAIN;
    }
    return super.resolve(kind, value, implicit);
  }
}
