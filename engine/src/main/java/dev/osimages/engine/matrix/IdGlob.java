package dev.osimages.engine.matrix;

import java.util.regex.Pattern;

/**
 * A glob over cell ids: {@code *} matches within one path segment, {@code **} across segments,
 * {@code ?} one character, everything else literally. {@code debian/*} matches {@code debian/13}
 * but not {@code debian-nvidia/13}.
 */
public record IdGlob(String glob, Pattern pattern) {

  /** Compiles {@code glob}. */
  public static IdGlob of(String glob) {
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
    return new IdGlob(glob, Pattern.compile(re.toString()));
  }

  /** Whether {@code id} matches the whole glob. */
  public boolean matches(String id) {
    return pattern.matcher(id).matches();
  }
}
