package io.github.exha.storage.spi;

import java.time.Duration;

/**
 * Schedules work on the host's virtual time. Everything a plugin does later (shipping a write over a link,
 * acknowledging it, copying blocks during a resync) goes through here, never through threads or the wall clock, so
 * the simulation is deterministic. Actions run on the host's simulation thread.
 */
public interface StorageScheduler {
    /**
     * Runs {@code action} after {@code delay} of virtual time. Actions due at the same instant run in the order they
     * were scheduled.
     *
     * @param delay not negative
     * @return a handle to cancel it
     */
    Cancellable schedule(Duration delay, Runnable action);

    /** A scheduled action that can still be cancelled. */
    interface Cancellable {
        /** Cancels the action if it has not run yet; returns whether it was still pending. */
        boolean cancel();
    }
}
