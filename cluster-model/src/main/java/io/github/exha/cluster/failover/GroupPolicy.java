package io.github.exha.cluster.failover;

import java.time.Duration;
import java.util.Objects;

/**
 * The common properties that govern a group's failover and failback.
 *
 * @param failoverThreshold how many failovers are allowed within {@code failoverPeriod}; {@link #UNSET} means the
 *     number of nodes minus one (the CHOICE DOMAIN.md §8 documents)
 * @param failoverPeriod the window the failover threshold counts over
 * @param failbackAllowed whether the group moves back to its most preferred available owner (off by default)
 * @param failbackWindowStart hour 0–23 (virtual clock, UTC) the failback window opens, or {@link #NO_WINDOW}
 * @param failbackWindowEnd hour 0–23 the failback window closes (exclusive), or {@link #NO_WINDOW}; a window may
 *     wrap midnight, and a window whose start equals its end is that one hour
 */
public record GroupPolicy(int failoverThreshold, Duration failoverPeriod, boolean failbackAllowed,
        int failbackWindowStart, int failbackWindowEnd) {

    /** The failover threshold value meaning "number of nodes minus one". */
    public static final int UNSET = -1;
    /** The failback window value meaning "fail back at once". */
    public static final int NO_WINDOW = -1;

    /** The defaults: threshold unset, 6 h period, failback prevented, no window. */
    public static final GroupPolicy DEFAULT = new GroupPolicy(UNSET, Duration.ofHours(6), false, NO_WINDOW, NO_WINDOW);

    /** Validates the policy. */
    public GroupPolicy {
        if (failoverThreshold < UNSET) {
            throw new IllegalArgumentException("failoverThreshold must be -1 (unset) or at least 0: " + failoverThreshold);
        }
        Objects.requireNonNull(failoverPeriod, "failoverPeriod");
        if (failoverPeriod.isNegative() || failoverPeriod.isZero()) {
            throw new IllegalArgumentException("failoverPeriod must be positive: " + failoverPeriod);
        }
        if ((failbackWindowStart == NO_WINDOW) != (failbackWindowEnd == NO_WINDOW)) {
            throw new IllegalArgumentException("the failback window needs both a start and an end hour, or neither: "
                    + failbackWindowStart + ".." + failbackWindowEnd);
        }
        if (failbackWindowStart < NO_WINDOW || failbackWindowStart > 23 || failbackWindowEnd < NO_WINDOW || failbackWindowEnd > 23) {
            throw new IllegalArgumentException("failback window hours must be 0-23 or -1: " + failbackWindowStart + ".." + failbackWindowEnd);
        }
    }

    /** This policy with another failover threshold and period. */
    public GroupPolicy withFailover(int threshold, Duration period) {
        return new GroupPolicy(threshold, period, failbackAllowed, failbackWindowStart, failbackWindowEnd);
    }

    /** This policy with failback allowed at once. */
    public GroupPolicy withImmediateFailback() {
        return new GroupPolicy(failoverThreshold, failoverPeriod, true, NO_WINDOW, NO_WINDOW);
    }

    /** This policy with failback allowed only from hour {@code start} to hour {@code end}. */
    public GroupPolicy withFailbackWindow(int start, int end) {
        return new GroupPolicy(failoverThreshold, failoverPeriod, true, start, end);
    }

    /** Whether the group has a failback window. */
    public boolean hasFailbackWindow() {
        return failbackWindowStart != NO_WINDOW;
    }

    /** Whether failback may happen during hour {@code hour} (0–23). */
    public boolean failbackWindowContains(int hour) {
        if (!hasFailbackWindow()) {
            return true;
        }
        if (failbackWindowStart == failbackWindowEnd) {
            return hour == failbackWindowStart;
        }
        if (failbackWindowStart < failbackWindowEnd) {
            return hour >= failbackWindowStart && hour < failbackWindowEnd;
        }
        // The window wraps midnight, e.g. 22..4.
        return hour >= failbackWindowStart || hour < failbackWindowEnd;
    }
}
