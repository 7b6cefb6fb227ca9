package dev.osimages.engine.declaration;

import dev.osimages.engine.model.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;

/**
 * Checks a loaded tree against {@code schema/images.schema.json} (draft-07, packaged in the jar)
 * and turns every violation into a {@link Problem} at the offending node. The schema is parsed once
 * per process, on first use.
 */
final class SchemaValidator {
  static final String RESOURCE = "/schema/images.schema.json";

  private SchemaValidator() {}

  private record Loaded(Schema schema, SchemaIndex index) {}

  /** Loaded once per process; started early by {@link #preload}. */
  private static final FutureTask<Loaded> SCHEMA = new FutureTask<>(SchemaValidator::load);

  private static final AtomicBoolean STARTED = new AtomicBoolean();

  /**
   * Starts loading the schema on a daemon thread, so that it overlaps reading and parsing the YAML
   * (each takes a few hundred milliseconds in a cold JVM). A failure is kept by the task and thrown
   * by {@link #validate}, never printed by the thread.
   */
  static void preload() {
    if (STARTED.compareAndSet(false, true)) {
      Thread t = new Thread(SCHEMA, "schema-preload");
      t.setDaemon(true);
      t.start();
    }
  }

  private static Loaded schema() {
    preload();
    try {
      return SCHEMA.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot load " + RESOURCE, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading " + RESOURCE, e);
    }
  }

  /** Every schema violation in {@code root}, unsorted; empty when valid. */
  static List<Problem> validate(YamlValue root, String file) {
    Loaded loaded = schema();
    try {
      loaded.schema().validate(JsonTrees.toJson(root));
      return List.of();
    } catch (ValidationException e) {
      List<ValidationException> leaves = new ArrayList<>();
      collectLeaves(e, leaves);
      ViolationMessages messages = new ViolationMessages(root, loaded.index(), file);
      Set<String> typed = new HashSet<>();
      for (ValidationException leaf : leaves) {
        if ("type".equals(leaf.getKeyword())) {
          typed.add(leaf.getPointerToViolation());
        }
      }
      Set<Problem> problems = new LinkedHashSet<>();
      for (ValidationException leaf : leaves) {
        // A wrong type also fails the enum or pattern at the same place: say it once.
        if (!typed.contains(leaf.getPointerToViolation()) || "type".equals(leaf.getKeyword())) {
          problems.add(messages.problem(leaf));
        }
      }
      return new ArrayList<>(problems);
    }
  }

  /** The individual violations: everit nests them under one exception per object. */
  static void collectLeaves(ValidationException e, List<ValidationException> out) {
    if (e.getCausingExceptions().isEmpty()) {
      out.add(e);
    } else {
      for (ValidationException cause : e.getCausingExceptions()) {
        collectLeaves(cause, out);
      }
    }
  }

  /** The schema's JSON text, as packaged. */
  static String schemaText() {
    try (InputStream in = SchemaValidator.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the engine's classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static Loaded load() {
    JSONObject json = new JSONObject(schemaText());
    Schema schema =
        SchemaLoader.builder()
            .draftV7Support()
            .schemaJson(json)
            .schemaClient(
                url -> {
                  throw new IllegalStateException("the schema may not load " + url);
                })
            .build()
            .load()
            .build();
    return new Loaded(schema, new SchemaIndex(json));
  }
}
