package io.github.exha.availability;

import java.util.Objects;

/**
 * One metric's estimate and its confidence interval. A value is NaN when nothing was observed to estimate it (no
 * outage at all for a quantile of RTO), and a bound infinite when it is unbounded (the nines of a design that never
 * failed in any trial).
 *
 * @param metric the metric
 * @param estimate the point estimate
 * @param low the interval's lower bound
 * @param high the interval's upper bound
 */
public record MetricEstimate(Metric metric, double estimate, double low, double high) {
    /** Validates the order of the bounds. */
    public MetricEstimate {
        Objects.requireNonNull(metric, "metric");
        if (!Double.isNaN(estimate) && (low > estimate || estimate > high)) {
            throw new IllegalArgumentException(metric + ": " + estimate + " outside [" + low + ", " + high + "]");
        }
    }

    /** The interval's width. */
    public double width() {
        return high - low;
    }
}
