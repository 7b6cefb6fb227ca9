package dev.osimages.engine.verify.gossfile;

import dev.osimages.engine.verify.gossfile.TemplateFunction.Failure;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Go regular expressions (RE2 syntax) on java.util.regex: named groups {@code (?P<name>)} become
 * Java's {@code (?<name>)}, and Go's replacement templates ({@code $1}, {@code ${1}}, {@code
 * $name}, {@code ${name}}, {@code $$}) become Java's.
 */
final class GoRegex {
  private static final Pattern DOLLAR = Pattern.compile("\\$(\\$|\\{(\\w+)}|(\\w+))");

  private GoRegex() {}

  static Pattern compile(String re) throws Failure {
    try {
      return Pattern.compile(re.replace("(?P<", "(?<"));
    } catch (PatternSyntaxException e) {
      throw new Failure("error parsing regexp: " + e.getDescription() + ": `" + re + "`");
    }
  }

  /** Go's Regexp.ReplaceAllString(src, repl). */
  static String replaceAll(Pattern p, String src, String repl) {
    Matcher m = DOLLAR.matcher(repl);
    StringBuilder java = new StringBuilder();
    int last = 0;
    while (m.find()) {
      java.append(Matcher.quoteReplacement(repl.substring(last, m.start())));
      String name = m.group(2) != null ? m.group(2) : m.group(3);
      if (m.group(1).equals("$")) {
        java.append("\\$");
      } else if (name.matches("\\d+")) {
        int g = Integer.parseInt(name);
        java.append(g <= p.matcher("").groupCount() ? "$" + g : "");
      } else if (p.pattern().contains("(?<" + name + ">")) {
        java.append("${").append(name).append('}');
      }
      // Go expands an unknown name to the empty string
      last = m.end();
    }
    java.append(Matcher.quoteReplacement(repl.substring(last)));
    return p.matcher(src).replaceAll(java.toString());
  }
}
