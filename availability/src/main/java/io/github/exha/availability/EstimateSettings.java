package io.github.exha.availability;

import io.github.exha.core.error.ExhaException;

/**
 * How an estimate runs.
 *
 * @param years the years of service each trial covers
 * @param trials how many trials
 * @param threads how many threads run them (the results do not depend on it)
 * @param seed the master seed every trial's generator derives from
 */
public record EstimateSettings(double years, int trials, int threads, long seed) {
    /** The confidence level of every interval. */
    public static final double CONFIDENCE = 0.95;

    /**
     * Validates the ranges.
     *
     * @throws ExhaException {@code availability.invalid-settings}
     */
    public EstimateSettings {
        if (!(years > 0) || years > 1000) {
            throw new ExhaException(AvailabilityErrorCode.INVALID_SETTINGS, "--years must be more than 0 and at most 1000,"
                    + " not " + years);
        }
        if (trials < 2 || trials > 100_000_000) {
            throw new ExhaException(AvailabilityErrorCode.INVALID_SETTINGS, "--trials must be between 2 and 100000000 (an"
                    + " interval needs at least two trials), not " + trials);
        }
        if (threads < 1 || threads > 1024) {
            throw new ExhaException(AvailabilityErrorCode.INVALID_SETTINGS, "--threads must be between 1 and 1024, not "
                    + threads);
        }
    }
}
