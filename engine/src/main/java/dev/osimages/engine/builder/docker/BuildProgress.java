package dev.osimages.engine.builder.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import dev.osimages.engine.builder.BuildException;
import dev.osimages.engine.builder.BuildStep;
import dev.osimages.engine.builder.StepTiming;
import dev.osimages.engine.dockerfile.Dockerfile;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.event.LogLine;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Follows the classic builder's output stream: every line goes live to the events (prefixed with
 * the cell by the CLI) and to the build log; {@code Step N/M} lines become {@link BuildStep} events
 * with the Dockerfile line, cached when the daemon says {@code Using cache}; an error becomes a
 * {@link BuildException} naming the cell, the Dockerfile line and the instruction.
 */
final class BuildProgress extends ResultCallback.Adapter<BuildResponseItem> {
  private static final int TAIL = 20;

  private final String cell;
  private final Dockerfile dockerfile;
  private final StepLines lines;
  private final EventListener events;
  private final BufferedWriter log;
  private final List<StepTiming> timings = new ArrayList<>();
  private final Deque<String> tail = new ArrayDeque<>();
  private final StringBuilder partial = new StringBuilder();
  private StepLines.Step step;
  private long stepStart;
  private boolean stepCached;
  private String imageId;
  private String error;

  BuildProgress(String cell, Dockerfile dockerfile, EventListener events, BufferedWriter log) {
    this.cell = cell;
    this.dockerfile = dockerfile;
    this.lines = new StepLines(dockerfile);
    this.events = events;
    this.log = log;
  }

  @Override
  public synchronized void onNext(BuildResponseItem item) {
    if (item.getStream() != null) {
      partial.append(item.getStream());
      for (int nl = partial.indexOf("\n"); nl >= 0; nl = partial.indexOf("\n")) {
        line(partial.substring(0, nl));
        partial.delete(0, nl + 1);
      }
    }
    if (item.getImageId() != null) {
      imageId = item.getImageId();
    }
    if (item.isErrorIndicated()) {
      error =
          item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
              ? item.getErrorDetail().getMessage()
              : item.getError();
    }
  }

  private void line(String text) {
    String l = text.stripTrailing();
    Optional<StepLines.Step> next = StepLines.parse(l);
    if (next.isPresent()) {
      finishStep();
      step = next.get();
      stepStart = System.nanoTime();
      // FROM (of an image present) and the ARGs before it do no work: nothing to take from a cache.
      stepCached =
          step.instruction().startsWith("FROM ") || step.number() <= dockerfile.globalArgs().size();
      tail.clear();
    } else if (l.strip().equals("---> Using cache")) {
      stepCached = true;
    }
    if (tail.size() == TAIL) {
      tail.removeFirst();
    }
    tail.addLast(l);
    events.on(new LogLine(cell, "docker", l));
    try {
      log.write(l);
      log.newLine();
      log.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the build log", e);
    }
  }

  private void finishStep() {
    if (step == null) {
      return;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - stepStart);
    int line = lines.line(step.number()).orElse(0);
    String stage = "step " + step.number() + "/" + step.total();
    timings.add(new StepTiming(stage, line, step.instruction(), stepCached, took));
    events.on(new BuildStep(cell, stage, line, step.instruction(), stepCached, took));
    step = null;
  }

  /**
   * The built image's id (as the stream gives it, possibly short) once the stream ended.
   *
   * @throws BuildException naming the failing step's Dockerfile line when the build failed
   */
  synchronized String result() {
    if (partial.length() > 0) {
      line(partial.toString());
      partial.setLength(0);
    }
    if (error == null && imageId != null) {
      finishStep();
      return imageId;
    }
    String why = error != null ? error : "the daemon reported no image id";
    if (step == null) {
      throw new BuildException(cell + ": docker build: " + why, List.copyOf(tail));
    }
    String where =
        lines.line(step.number()).stream()
            .mapToObj(dockerfile::at)
            .findFirst()
            .orElse(dockerfile.name() + " step " + step.number());
    throw new BuildException(
        cell + ": " + where + ": " + step.instruction() + ": " + why, List.copyOf(tail));
  }

  synchronized List<StepTiming> timings() {
    return List.copyOf(timings);
  }
}
