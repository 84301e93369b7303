package io.github.exha.core.kernel;

/**
 * Whether a pending event keeps its world alive. A world is idle when no {@link #KEEPS_ALIVE} event is
 * pending: {@link Scheduler#runUntilIdle()} stops there and an awaited operation that has not completed by
 * then is a deadlock. Periodic monitors (heartbeats, pollers) are {@link #DAEMON} so they never keep an
 * otherwise finished world running forever.
 */
public enum Liveness {
    /** The world has work to do while this event is pending. */
    KEEPS_ALIVE,
    /** Background work: runs while the world is alive, but does not keep it alive. */
    DAEMON
}
