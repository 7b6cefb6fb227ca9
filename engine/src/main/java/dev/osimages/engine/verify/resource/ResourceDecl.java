package dev.osimages.engine.verify.resource;

import java.util.Map;

/**
 * One resource as a goss file declares it, after template rendering and includes: its kind, id (the
 * YAML key), attributes as plain YAML data (String, Long, Double, Boolean, List, Map, null), and
 * where it was declared ("goss.yaml:12").
 */
public record ResourceDecl(ResourceKind kind, String id, Map<String, Object> attrs, String source) {
  public ResourceDecl {
    attrs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attrs));
  }

  /** goss's title attribute ("" when absent). */
  public String title() {
    Object t = attrs.get("title");
    return t == null ? "" : t.toString();
  }

  /** goss's meta attribute, or null. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> meta() {
    Object m = attrs.get("meta");
    return m instanceof Map<?, ?> ? (Map<String, Object>) m : null;
  }

  /** goss's skip attribute. */
  public boolean skip() {
    return Boolean.TRUE.equals(attrs.get("skip"));
  }

  /** A copy with skip set (an included gossfile marked skip). */
  public ResourceDecl skipped() {
    Map<String, Object> copy = new java.util.LinkedHashMap<>(attrs);
    copy.put("skip", true);
    return new ResourceDecl(kind, id, copy, source);
  }

  /** The attribute value as a string, or a default when absent. */
  public String attr(String name, String orElse) {
    Object v = attrs.get(name);
    return v == null ? orElse : v.toString();
  }
}
