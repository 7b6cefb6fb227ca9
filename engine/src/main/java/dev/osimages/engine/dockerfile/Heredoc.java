package dev.osimages.engine.dockerfile;

import java.util.regex.Pattern;

/**
 * One here-document of a RUN, COPY or ADD instruction (Dockerfile 1.4): the delimiter word without
 * quotes ({@code name}), whether its body is subject to variable expansion (no part of the word was
 * quoted), whether leading tabs are stripped ({@code <<-}), and the body as written, every line
 * ending in a newline.
 */
public record Heredoc(String name, boolean expand, boolean chomp, String content) {
  private static final Pattern LEADING_TABS = Pattern.compile("(?m)^\t+");

  /** The body as the instruction uses it: leading tabs removed for {@code <<-}. */
  public String text() {
    return chomp ? LEADING_TABS.matcher(content).replaceAll("") : content;
  }

  /** The delimiter name when {@code word} is one here-document marker ({@code <<-"EOF"}). */
  public static java.util.Optional<String> marker(String word) {
    return HeredocWords.parse(word).map(Heredoc::name);
  }

  /** The same heredoc with its body. */
  Heredoc withContent(String body) {
    return new Heredoc(name, expand, chomp, body);
  }
}
