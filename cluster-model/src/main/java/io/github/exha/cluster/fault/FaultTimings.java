package io.github.exha.cluster.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * When the cluster fault points are consulted and how long the faults they inject last.
 *
 * @param checkInterval virtual time between two consultations of every fault point (the probability of a
 *     {@link io.github.exha.core.kernel.FaultRule} is per consultation and per target)
 * @param minOutage the shortest a fault lasts before it heals
 * @param maxOutage the longest a fault lasts; outages are drawn uniformly in [minOutage, maxOutage]
 */
public record FaultTimings(Duration checkInterval, Duration minOutage, Duration maxOutage) {
    /** Consulted every 10 s; faults last from 30 s to 10 min. CHOICE: long enough to outlast detection and restarts. */
    public static final FaultTimings DEFAULT = new FaultTimings(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(10));

    /** Validates the timings. */
    public FaultTimings {
        Objects.requireNonNull(checkInterval, "checkInterval");
        Objects.requireNonNull(minOutage, "minOutage");
        Objects.requireNonNull(maxOutage, "maxOutage");
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("the check interval must be positive, got " + checkInterval);
        }
        if (minOutage.isNegative() || minOutage.isZero()) {
            throw new IllegalArgumentException("the shortest outage must be positive, got " + minOutage);
        }
        if (maxOutage.compareTo(minOutage) < 0) {
            throw new IllegalArgumentException("the longest outage " + maxOutage + " is shorter than the shortest "
                    + minOutage);
        }
    }

    /** These timings with every outage lasting exactly {@code outage}. */
    public FaultTimings withOutage(Duration outage) {
        return new FaultTimings(checkInterval, outage, outage);
    }
}
