package io.github.exha.core.kernel;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;

/**
 * A reusable scheduler event: subclass it and implement {@link #fire()}. One instance can be scheduled any
 * number of times (one pending occurrence at a time), so hot simulation paths allocate nothing per event.
 * The scheduler gives a pending event a slot in its table and keeps its (time, sequence, slot) entry in the
 * slot's leaf of a tournament tree of numbers, so scheduling, moving and cancelling are O(log slots) and never
 * touch other event objects.
 */
public abstract class Event {
    private final Liveness liveness;
    /** The event's slot in the owning scheduler's table, or -1 when not pending. */
    int slot = -1;
    /** The scheduler this event is pending in, or null. */
    Scheduler queuedIn;

    /** A {@link Liveness#KEEPS_ALIVE} event. */
    protected Event() {
        this(Liveness.KEEPS_ALIVE);
    }

    /**
     * An event with the given liveness.
     *
     * @param liveness whether this event, while pending, keeps the world alive
     */
    protected Event(Liveness liveness) {
        if (liveness == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "liveness must not be null");
        }
        this.liveness = liveness;
    }

    /** Whether this event, while pending, keeps the world alive. */
    public final Liveness liveness() {
        return liveness;
    }

    /** Runs the event. Called by the scheduler with the clock at the event's time, after it left the queue. */
    protected abstract void fire();

    /** What to name in diagnostics such as the runaway guard: the event itself, or the action it wraps. */
    Object origin() {
        return this;
    }
}
