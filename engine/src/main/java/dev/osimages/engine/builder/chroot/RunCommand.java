package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.dockerfile.Heredoc;
import dev.osimages.engine.dockerfile.Instruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The argv a RUN executes, with here-documents as BuildKit runs them: a command line that is only
 * {@code <<EOF} runs the body with the shell, or, when the body starts with {@code #!}, runs it as
 * a script file {@code /dev/pipes/EOF}; any other command line is handed to the shell with the
 * bodies and delimiters after it, for the shell to read as here-documents.
 */
record RunCommand(List<String> argv, Optional<RunMounts.Pipe> pipe, String summary) {
  RunCommand {
    argv = List.copyOf(argv);
  }

  static RunCommand of(Instruction.Run r, List<String> shell) {
    List<String> argv = new ArrayList<>();
    if (r.command().exec()) {
      argv.addAll(r.command().args());
      return new RunCommand(argv, Optional.empty(), "");
    }
    argv.addAll(shell);
    String line = r.command().args().get(0);
    if (r.heredocs().isEmpty()) {
      argv.add(line);
      return new RunCommand(argv, Optional.empty(), "");
    }
    Optional<Heredoc> only =
        dev.osimages.engine.dockerfile.Heredoc.marker(line)
            .flatMap(m -> r.heredocs().stream().filter(h -> h.name().equals(m)).findFirst());
    String summary = " (" + firstLine(r.heredocs().get(0).content()) + ")";
    if (only.isPresent()) {
      String body = only.get().text();
      if (body.startsWith("#!")) {
        String name = only.get().name();
        argv.add("/dev/pipes/" + name);
        return new RunCommand(
            argv, Optional.of(new RunMounts.Pipe("dev/pipes/" + name, name, body)), summary);
      }
      argv.add(body);
      return new RunCommand(argv, Optional.empty(), summary);
    }
    StringBuilder b = new StringBuilder(line);
    for (Heredoc h : r.heredocs()) {
      b.append('\n').append(h.content()).append(h.name());
    }
    argv.add(b.toString());
    return new RunCommand(argv, Optional.empty(), summary);
  }

  private static String firstLine(String body) {
    String l = body.strip().lines().findFirst().orElse("");
    return l.length() > 40 ? l.substring(0, 37) + "..." : l;
  }
}
