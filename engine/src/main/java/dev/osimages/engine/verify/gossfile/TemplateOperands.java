package dev.osimages.engine.verify.gossfile;

import dev.osimages.engine.verify.gossfile.TemplateLexer.Token;
import dev.osimages.engine.verify.gossfile.TemplateNode.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses one operand of a command: a literal, nil, dot, a field chain, a variable with its chain, a
 * function name, or a parenthesized pipeline with its chain. Literals are decoded as Go does
 * (escapes in strings, base prefixes and underscores in numbers, character constants).
 */
final class TemplateOperands {
  private static final Set<String> KEYWORDS =
      Set.of(
          "if", "else", "end", "range", "with", "break", "continue", "define", "template", "block");

  private final TemplateParser parser;
  private final TemplateParser.TokenCursor c;

  TemplateOperands(TemplateParser parser, TemplateParser.TokenCursor c) {
    this.parser = parser;
    this.c = c;
  }

  Expr operand() throws TemplateException {
    Token t = c.next();
    switch (t.kind()) {
      case IDENTIFIER:
        return identifier(t.text());
      case DOT:
        return new TemplateNode.Field(chain(new ArrayList<>()));
      case FIELD:
        return new TemplateNode.Field(chain(new ArrayList<>(List.of(t.text().substring(1)))));
      case VARIABLE:
        parser.checkVariable(c.action(), t.text());
        return new TemplateNode.Variable(t.text(), chain(new ArrayList<>()));
      case LEFT_PAREN:
        TemplateNode.Pipeline p = parser.subPipeline(c);
        return new TemplateNode.Sub(p, chain(new ArrayList<>()));
      case STRING, RAW_STRING:
        return literal(unquote(t.text()));
      case CHAR:
        return literal((long) unquote(t.text()).codePointAt(0));
      case NUMBER:
        return literal(number(t.text()));
      default:
        throw parser.error(c.action(), "unexpected \"" + t.text() + "\" in operand");
    }
  }

  private Expr identifier(String name) throws TemplateException {
    switch (name) {
      case "true", "false":
        return literal(Boolean.parseBoolean(name));
      case "nil":
        return new TemplateNode.Nil();
      default:
        break;
    }
    if (KEYWORDS.contains(name)) {
      throw parser.error(c.action(), "unexpected <" + name + "> in command");
    }
    parser.checkFunction(c.action(), name);
    if (c.chained()) {
      throw parser.error(c.action(), "unexpected " + c.next().text() + " after " + name);
    }
    return new TemplateNode.Function(name);
  }

  private Expr literal(Object value) throws TemplateException {
    if (c.chained()) {
      throw parser.error(c.action(), "unexpected . after term " + value);
    }
    return new TemplateNode.Literal(value);
  }

  private List<String> chain(List<String> names) {
    while (c.chained()) {
      names.add(c.next().text().substring(1));
    }
    return names;
  }

  private Object number(String text) throws TemplateException {
    Long i = GoInts.parse(text);
    if (i != null) {
      return i;
    }
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    boolean hex = lower.replaceFirst("^[+-]", "").startsWith("0x");
    if (!(lower.contains(".") || (hex ? lower.contains("p") : lower.contains("e")))) {
      // not an integer Go can read (08, 0x, 1__0) and no float either
      throw parser.error(c.action(), "bad number syntax: \"" + text + "\"");
    }
    try {
      return Double.parseDouble(text.replace("_", ""));
    } catch (NumberFormatException e) {
      throw parser.error(c.action(), "bad number syntax: \"" + text + "\"");
    }
  }

  /** The value of a Go string or character literal ("...", `raw` or 'c'). */
  static String unquote(String t) {
    String body = t.substring(1, t.length() - 1);
    if (t.charAt(0) == '`') {
      return body.replace("\r", "");
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char ch = body.charAt(i);
      if (ch != '\\' || i + 1 >= body.length()) {
        b.append(ch);
        continue;
      }
      char n = body.charAt(++i);
      switch (n) {
        case 'a' -> b.append('\u0007');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'v' -> b.append('\u000b');
        case 'x' -> i = hex(body, i, 2, b);
        case 'u' -> i = hex(body, i, 4, b);
        case 'U' -> i = hex(body, i, 8, b);
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          int end = Math.min(i + 3, body.length());
          b.append((char) Integer.parseInt(body.substring(i, end), 8));
          i = end - 1;
        }
        default -> b.append(n);
      }
    }
    return b.toString();
  }

  private static int hex(String body, int at, int digits, StringBuilder b) {
    int end = Math.min(at + 1 + digits, body.length());
    b.appendCodePoint(Integer.parseInt(body.substring(at + 1, end), 16));
    return end - 1;
  }
}
