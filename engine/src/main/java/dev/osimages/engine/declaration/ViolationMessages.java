package dev.osimages.engine.declaration;

import dev.osimages.engine.model.Problem;
import dev.osimages.engine.model.SourcePosition;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.everit.json.schema.ValidationException;
import org.json.JSONObject;

/**
 * Words one everit violation for an operator and places it: at the offending value; at the key for
 * an unknown or badly named key; at the key that introduces a mapping for what the mapping lacks.
 * Patterns are explained with the schema's own {@code x-expected} wording, not shown as regexes.
 */
final class ViolationMessages {
  private static final Pattern EXTRANEOUS =
      Pattern.compile("extraneous key \\[(.*)\\] is not permitted");
  private static final Pattern REQUIRED = Pattern.compile("required key \\[(.*)\\] not found");
  private static final Pattern TYPE = Pattern.compile("expected type: (\\w+), found: (\\w+)");
  private static final Pattern NO_MATCH =
      Pattern.compile("string \\[(.*)\\] does not match pattern (.*)", Pattern.DOTALL);
  private static final Set<String> YAML11_BOOLEANS = Set.of("yes", "no", "on", "off", "y", "n");
  private static final Map<String, String> TYPE_NAMES =
      Map.of(
          "String", "a string",
          "Boolean", "true or false",
          "JSONObject", "a mapping",
          "JSONArray", "a list",
          "Integer", "an integer",
          "Number", "a number");

  private final YamlValue root;
  private final SchemaIndex schema;
  private final Positions positions;

  ViolationMessages(YamlValue root, SchemaIndex schema, String file) {
    this.root = root;
    this.schema = schema;
    this.positions = new Positions(root, file);
  }

  /** The problem for one leaf violation. */
  Problem problem(ValidationException e) {
    NodePath path = NodePath.fromPointer(e.getPointerToViolation(), root);
    YamlValue node = path.find(root);
    String msg = e.getErrorMessage();
    switch (Objects.toString(e.getKeyword(), "")) {
      case "additionalProperties":
        return unknownKey(path, node, msg);
      case "required":
        Matcher req = REQUIRED.matcher(msg);
        String what = req.matches() ? "missing required key '" + req.group(1) + "'" : msg;
        return Problem.error(positions.key(path), path.dotted(), what);
      case "minProperties":
      case "maxProperties":
        return Problem.error(
            positions.key(path), path.dotted(), propertyCount(path, e.getKeyword()));
      case "type":
        return Problem.error(positions.value(path), path.dotted(), type(msg, node));
      case "uniqueItems":
        return Duplicates.firstRepeat(path, node, positions);
      case "pattern":
        return pattern(path, node, msg);
      default:
        return Problem.error(positions.value(path), path.dotted(), valueMessage(e, path, node));
    }
  }

  private Problem unknownKey(NodePath path, YamlValue node, String msg) {
    Matcher m = EXTRANEOUS.matcher(msg);
    String key = m.matches() ? m.group(1) : "?";
    SourcePosition pos =
        node instanceof YamlValue.Mapping map
            ? map.entry(key).map(YamlValue.Entry::keyPosition).orElse(map.position())
            : positions.value(path);
    StringBuilder text = new StringBuilder("unknown key '").append(key).append('\'');
    List<String> known = schema.propertyNames(path);
    if (!known.isEmpty()) {
      String near = Suggestions.closest(key, known);
      if (near != null) {
        text.append(" (did you mean '").append(near).append("'?)");
      } else {
        text.append(" (expected one of: ").append(String.join(", ", known)).append(')');
      }
    }
    return Problem.error(pos, path.dotted(), text.toString());
  }

  private String propertyCount(NodePath path, String keyword) {
    JSONObject s = schema.at(path);
    int min = s == null ? 0 : s.optInt("minProperties", 0);
    int max = s == null ? -1 : s.optInt("maxProperties", -1);
    List<String> names = schema.propertyNames(path);
    if (min == 1 && max == 1 && !names.isEmpty()) {
      return "expected exactly one of: " + String.join(", ", names);
    }
    if (keyword.equals("minProperties")) {
      return "expected at least " + min + (min == 1 ? " entry" : " entries");
    }
    return "expected at most " + max + (max == 1 ? " entry" : " entries");
  }

  private static String type(String everitMessage, YamlValue node) {
    Matcher m = TYPE.matcher(everitMessage);
    String javaType = m.matches() ? m.group(1) : "";
    String expected = TYPE_NAMES.getOrDefault(javaType, "another type");
    String msg = "expected " + expected + ", found " + (node == null ? "nothing" : node.describe());
    if (node instanceof YamlValue.Scalar s && s.value() != null) {
      if (javaType.equals("String") && !(s.value() instanceof String)) {
        return msg + "; quote it: \"" + s.text() + "\"";
      }
      if (javaType.equals("Boolean")
          && YAML11_BOOLEANS.contains(s.text().toLowerCase(Locale.ROOT))) {
        return msg + "; write true or false";
      }
    }
    return msg;
  }

  /**
   * A pattern violation, on a value or (through {@code propertyNames}) on a key: everit points at
   * the key's value then, so a subject equal to the last key but not to the value is a key.
   */
  private Problem pattern(NodePath path, YamlValue node, String msg) {
    Matcher m = NO_MATCH.matcher(msg);
    if (!m.matches()) {
      return Problem.error(positions.value(path), path.dotted(), msg);
    }
    String subject = m.group(1);
    String expected = schema.expectedFor(m.group(2));
    String text =
        "'" + subject + "' is not " + (expected != null ? expected : "matching " + m.group(2));
    List<Object> segs = path.segments();
    boolean onKey =
        !segs.isEmpty()
            && subject.equals(segs.get(segs.size() - 1))
            && !(node instanceof YamlValue.Scalar s && subject.equals(s.text()));
    if (onKey) {
      NodePath parent = new NodePath(segs.subList(0, segs.size() - 1));
      return Problem.error(positions.key(path), parent.dotted(), text);
    }
    return Problem.error(positions.value(path), path.dotted(), text);
  }

  private String valueMessage(ValidationException e, NodePath path, YamlValue node) {
    String shown = node instanceof YamlValue.Scalar s ? "'" + s.text() + "'" : "the value";
    JSONObject s = schema.at(path);
    switch (Objects.toString(e.getKeyword(), "")) {
      case "enum":
        return shown + " is not one of: " + String.join(", ", schema.enumValues(path));
      case "minimum":
      case "maximum":
        return shown + " is out of range: expected " + s.opt("minimum") + " to " + s.opt("maximum");
      case "minLength":
        return "must not be empty";
      case "minItems":
        int min = s.optInt("minItems", 1);
        return "expected at least " + min + (min == 1 ? " item" : " items");
      default:
        return e.getErrorMessage();
    }
  }
}
