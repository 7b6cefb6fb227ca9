package dev.osimages.engine.declaration;

import java.util.regex.Pattern;

/**
 * A glob over image ids, as the test matrix's {@code images} lists use: {@code *} matches within
 * one segment ({@code debian/*} is every Debian version but not {@code debian-nvidia/13}), {@code
 * **} matches across segments, {@code ?} one character; everything else is literal.
 */
public final class CellGlob {
  private final String glob;
  private final Pattern regex;

  private CellGlob(String glob, Pattern regex) {
    this.glob = glob;
    this.regex = regex;
  }

  /** Compiles {@code glob}. */
  public static CellGlob of(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        re.append(".*");
        i++;
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new CellGlob(glob, Pattern.compile(re.toString()));
  }

  /** Whether the image id matches this glob. */
  public boolean matches(String cellId) {
    return regex.matcher(cellId).matches();
  }

  @Override
  public String toString() {
    return glob;
  }
}
