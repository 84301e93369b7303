package io.github.exha.core.kernel;

import java.time.Instant;

/**
 * A handle on an action scheduled with {@link Scheduler#schedule(java.time.Duration, Runnable)},
 * {@link Scheduler#scheduleAt(Instant, Runnable)} or
 * {@link Scheduler#scheduleEvery(java.time.Duration, java.time.Duration, Runnable)}.
 */
public final class Timer {
    private final Scheduler scheduler;
    private final Runnable action;
    private final long periodNanos;
    private final TimerEvent event;
    private long dueNanos;

    Timer(Scheduler scheduler, Runnable action, Liveness liveness, long periodNanos) {
        this.scheduler = scheduler;
        this.action = action;
        this.periodNanos = periodNanos;
        this.event = new TimerEvent(liveness);
    }

    Event event() {
        return event;
    }

    void setDue(long epochNanos) {
        dueNanos = epochNanos;
    }

    /**
     * Stops the timer. A periodic timer may be cancelled from inside its own action.
     *
     * @return whether it was pending (false once a one-shot timer has fired or any timer was cancelled)
     */
    public boolean cancel() {
        return scheduler.cancel(event);
    }

    /** Whether the timer will fire again. */
    public boolean isPending() {
        return scheduler.isScheduled(event);
    }

    /** Whether the timer repeats. */
    public boolean isPeriodic() {
        return periodNanos > 0;
    }

    /**
     * When the timer is next due; for a one-shot timer that has fired or a cancelled timer, when it was due.
     * Inside a periodic timer's action this is already the next firing.
     */
    public Instant dueAt() {
        return SimClock.toInstant(dueNanos);
    }

    @Override
    public String toString() {
        return "Timer[due=" + dueAt() + (isPeriodic() ? ", period=" + periodNanos + "ns" : "") + ", action="
                + action.getClass().getName() + "]";
    }

    private final class TimerEvent extends Event {
        TimerEvent(Liveness liveness) {
            super(liveness);
        }

        @Override
        protected void fire() {
            if (periodNanos > 0) {
                // Re-arm first, from the due time rather than "now", so firings stay at exact multiples and the
                // action can cancel its own timer.
                long next = dueNanos + periodNanos;
                if (next > dueNanos) {
                    dueNanos = next;
                    scheduler.scheduleAt(this, next);
                }
            }
            action.run();
        }

        @Override
        Object origin() {
            return action;
        }
    }
}
