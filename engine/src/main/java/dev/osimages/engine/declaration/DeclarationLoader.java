package dev.osimages.engine.declaration;

import dev.osimages.engine.InvalidDeclarationException;
import dev.osimages.engine.files.Utf8Text;
import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.model.Problem;
import dev.osimages.engine.model.SourcePosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The declaration stage's entry point: reads images.yaml, loads it with positions, checks it
 * against the JSON Schema, builds the model and runs the semantic checks. Each step runs only when
 * the previous one found no error, since its input would not be trustworthy; all problems of the
 * failing step are reported together.
 */
public final class DeclarationLoader {
  private DeclarationLoader() {}

  /**
   * Loads and checks a declaration.
   *
   * @param file the path as the operator gave it; messages name it exactly so, and relative paths
   *     inside the file resolve against its directory
   * @throws InvalidDeclarationException with every problem (and warning) found, sorted
   */
  public static LoadedDeclaration load(Path file) {
    String name = file.toString();
    SchemaValidator.preload();
    String text = read(file, name);
    YamlLoader.Result yaml = YamlLoader.loadKeepingDuplicates(text, name);
    YamlValue root = yaml.root();
    List<Problem> problems = new ArrayList<>(yaml.duplicates());
    problems.addAll(SchemaValidator.validate(root, name));
    if (!problems.isEmpty()) {
      throw new InvalidDeclarationException(problems);
    }
    Declaration declaration = DeclarationReader.read(root, file);
    problems.addAll(SemanticChecks.check(declaration));
    if (problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) {
      throw new InvalidDeclarationException(problems);
    }
    return new LoadedDeclaration(declaration, problems);
  }

  private static String read(Path file, String name) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw invalid(name, "no such file");
    } catch (IOException e) {
      String why = Files.isDirectory(file) ? "is a directory" : "cannot read: " + e.getMessage();
      throw invalid(name, why);
    }
    try {
      return Utf8Text.decode(bytes);
    } catch (Utf8Text.Malformed e) {
      throw new InvalidDeclarationException(
          List.of(
              Problem.error(new SourcePosition(name, e.line(), e.column()), "", e.getMessage())));
    }
  }

  private static InvalidDeclarationException invalid(String name, String message) {
    return new InvalidDeclarationException(
        List.of(Problem.error(SourcePosition.unknown(name), "", message)));
  }
}
