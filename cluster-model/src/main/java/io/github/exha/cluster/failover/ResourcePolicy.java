package io.github.exha.cluster.failover;

import java.time.Duration;
import java.util.Objects;

/**
 * The common properties that govern a resource's restarts and health checks.
 *
 * @param restartAction what to do when the resource fails
 * @param restartThreshold how many restarts in place are allowed within {@code restartPeriod}
 * @param restartPeriod the window the restart threshold counts over
 * @param pendingTimeout how long the resource may stay OnlinePending or OfflinePending before it fails
 * @param looksAliveInterval how often the cheap health check runs while the resource is online
 * @param isAliveInterval how often the thorough health check runs while the resource is online
 */
public record ResourcePolicy(RestartAction restartAction, int restartThreshold, Duration restartPeriod,
        Duration pendingTimeout, Duration looksAliveInterval, Duration isAliveInterval) {

    /** The Windows defaults: RestartNotify, 3 restarts in 15 min, 3 min pending timeout, 5 s / 60 s polls. */
    public static final ResourcePolicy DEFAULT = new ResourcePolicy(RestartAction.RESTART_NOTIFY, 3,
            Duration.ofMinutes(15), Duration.ofMinutes(3), Duration.ofSeconds(5), Duration.ofSeconds(60));

    /** Validates the policy. */
    public ResourcePolicy {
        Objects.requireNonNull(restartAction, "restartAction");
        if (restartThreshold < 0) {
            throw new IllegalArgumentException("restartThreshold must not be negative: " + restartThreshold);
        }
        requirePositive(restartPeriod, "restartPeriod");
        requirePositive(pendingTimeout, "pendingTimeout");
        requirePositive(looksAliveInterval, "looksAliveInterval");
        requirePositive(isAliveInterval, "isAliveInterval");
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }

    /** This policy with another restart action. */
    public ResourcePolicy withRestartAction(RestartAction action) {
        return new ResourcePolicy(action, restartThreshold, restartPeriod, pendingTimeout, looksAliveInterval, isAliveInterval);
    }

    /** This policy with another restart threshold and period. */
    public ResourcePolicy withRestart(int threshold, Duration period) {
        return new ResourcePolicy(restartAction, threshold, period, pendingTimeout, looksAliveInterval, isAliveInterval);
    }

    /** This policy with another pending timeout. */
    public ResourcePolicy withPendingTimeout(Duration timeout) {
        return new ResourcePolicy(restartAction, restartThreshold, restartPeriod, timeout, looksAliveInterval, isAliveInterval);
    }
}
