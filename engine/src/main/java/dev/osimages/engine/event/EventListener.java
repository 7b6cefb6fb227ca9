package dev.osimages.engine.event;

/** Receives events from stages. Implementations must be thread-safe: stages run in parallel. */
@FunctionalInterface
public interface EventListener {
  /** A listener that drops everything. */
  EventListener NONE = e -> {};

  void on(Event event);
}
