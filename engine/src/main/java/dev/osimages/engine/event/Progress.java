package dev.osimages.engine.event;

/**
 * Progress of long work: {@code done} of {@code total} units ({@code total} is -1 when unknown).
 */
public record Progress(String cell, Stage stage, long done, long total, Unit unit)
    implements Event {
  /** What a progress count counts; {@link #toString()} is the words printed. */
  public enum Unit {
    /** Content read from the image (the export's input). */
    BYTES_READ("bytes read"),
    /** Bytes written to the output (the compressed tarball). */
    BYTES_WRITTEN("bytes written"),
    /** Bytes sent to a registry (a push). */
    BYTES_SENT("bytes sent");

    private final String words;

    Unit(String words) {
      this.words = words;
    }

    @Override
    public String toString() {
      return words;
    }
  }
}
