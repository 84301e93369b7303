package io.github.exha.storage.spi;

import java.time.InstantSource;
import java.util.random.RandomGenerator;

/**
 * What the host gives a plugin: virtual time, a scheduler on that time, a seeded random generator and a listener for
 * the plugin's events. A plugin must use nothing else for time, scheduling or randomness.
 */
public interface StorageContext {
    /** Virtual time. */
    InstantSource clock();

    /** Scheduling on virtual time. */
    StorageScheduler scheduler();

    /** A generator seeded by the host for this array (for jitter, fault draws...). */
    RandomGenerator random();

    /** Receives every event the array emits, synchronously. */
    StorageEventListener events();
}
