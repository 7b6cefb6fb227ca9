package dev.osimages.engine.event;

/**
 * Something a stage reports while it works. Stages never print: they emit events, and the CLI turns
 * them into progress lines, logs and reports. Each package defines the event records it emits next
 * to the stage; the common ones live here.
 */
public interface Event {
  /** The cell id the event belongs to ("debian/13"), or "" for events outside any cell. */
  String cell();
}
