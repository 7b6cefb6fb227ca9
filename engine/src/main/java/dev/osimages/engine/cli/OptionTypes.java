package dev.osimages.engine.cli;

import dev.osimages.engine.model.Channel;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * The value types of the engine's options, taught to picocli once for the whole command tree:
 * durations are Go-style ({@link GoDurations}), channels are parsed as {@link Channel#parse} says,
 * and every enum is spelled as its {@code toString()} (the spelling the help and the completion
 * script list). A value that does not convert is a command-line error naming the option and what it
 * takes.
 */
final class OptionTypes {
  private OptionTypes() {}

  /** Registers the converters with {@code root} and every subcommand it has. */
  static void register(CommandLine root) {
    root.registerConverter(Duration.class, new GoDurations());
    root.registerConverter(Channel.class, OptionTypes::channel);
    Set<Class<?>> enums = new LinkedHashSet<>();
    collectEnums(root, enums);
    enums.forEach(type -> registerEnum(root, type));
  }

  private static Channel channel(String text) {
    try {
      return Channel.parse(text);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  private static void collectEnums(CommandLine cmd, Set<Class<?>> enums) {
    for (ArgSpec arg : cmd.getCommandSpec().args()) {
      if (arg.type().isEnum()) {
        enums.add(arg.type());
      }
    }
    cmd.getSubcommands().values().forEach(sub -> collectEnums(sub, enums));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void registerEnum(CommandLine root, Class<?> type) {
    root.registerConverter((Class) type, text -> spelled(type, (String) text));
  }

  private static Object spelled(Class<?> type, String text) {
    Object[] constants = type.getEnumConstants();
    for (Object c : constants) {
      if (c.toString().equals(text)) {
        return c;
      }
    }
    throw new TypeConversionException(
        "expected "
            + Arrays.stream(constants).map(Object::toString).collect(Collectors.joining(", "))
            + ", got '"
            + text
            + "'");
  }

  /**
   * The key converter of {@code KEY=VALUE} options: picocli splits at the first "=" but would take
   * "=VALUE" as an empty key.
   */
  static final class Key implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String key) {
      if (key.isEmpty()) {
        throw new TypeConversionException("expected KEY=VALUE, the KEY is empty");
      }
      return key;
    }
  }
}
