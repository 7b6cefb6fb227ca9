package dev.osimages.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.render.TemplateVariable.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateVariablesTest {
  @TempDir Path dir;

  private Path write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  void scan_findsValuesSectionsAndPartials_withFileAndLine() throws IOException {
    write("templates/partials/p.mustache", "\nRUN {{IN_PARTIAL}}\n");
    Path t =
        write(
            "templates/t.mustache",
            "ARG BASE_IMAGE={{base_image}}\nFROM ${BASE_IMAGE}\n"
                + "{{#URL}}\nRUN {{URL}} {{NESTED}}\n{{/URL}}\n{{^OFF}}x{{/OFF}}\n{{> p}}\n");
    TemplateVariables vars = TemplateVariables.scan(t, dir);

    assertThat(vars.template()).isEqualTo("templates/t.mustache");
    assertThat(vars.names()).containsExactly("IN_PARTIAL", "NESTED", "OFF", "URL", "base_image");
    assertThat(vars.references())
        .contains(
            new TemplateVariable("base_image", "templates/t.mustache", 1, Usage.VALUE),
            new TemplateVariable("URL", "templates/t.mustache", 3, Usage.SECTION),
            new TemplateVariable("URL", "templates/t.mustache", 4, Usage.VALUE),
            new TemplateVariable("NESTED", "templates/t.mustache", 4, Usage.VALUE),
            new TemplateVariable("OFF", "templates/t.mustache", 6, Usage.INVERTED),
            new TemplateVariable("IN_PARTIAL", "templates/partials/p.mustache", 2, Usage.VALUE));
    assertThat(vars.firstReference("URL").place()).isEqualTo("templates/t.mustache:3");
    assertThat(vars.firstReference("nope")).isNull();
  }

  @Test
  void scan_missingPartial_isAnError() throws IOException {
    Path t = write("templates/t.mustache", "{{> gone}}\n");
    assertThatThrownBy(() -> TemplateVariables.scan(t, dir))
        .isInstanceOf(RenderException.class)
        .hasMessage(
            "templates/t.mustache:1: {{> gone}}: no such partial: templates/partials/gone.mustache");
  }

  @Test
  void scan_relativeTemplatePath_resolvesAgainstBaseDir() throws IOException {
    write("templates/t.mustache", "{{A}}");
    assertThat(TemplateVariables.scan(Path.of("templates/t.mustache"), dir).names())
        .containsExactly("A");
  }
}
