package io.github.exha.storage.spi;

/** Receives an array's events. */
@FunctionalInterface
public interface StorageEventListener {
    /** Called synchronously, on the simulation thread, when something happens. */
    void onEvent(StorageEvent event);
}
