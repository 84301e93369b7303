package io.github.exha.exchange.workload;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;

/**
 * How message sizes are distributed: one fixed size, uniform between two sizes, or log-normal (mail sizes are
 * heavy-tailed: many small messages, a few large attachments). Build one with {@link #fixed}, {@link #uniform} or
 * {@link #logNormal}.
 *
 * @param kind which distribution
 * @param first the fixed size, the uniform minimum, or the log-normal median, in bytes
 * @param second unused (0) for fixed, the uniform maximum in bytes, or the log-normal shape (the standard deviation of
 *     the size's natural logarithm)
 * @param max the largest size drawn (log-normal draws above it are cut to it); at least {@code first}
 */
public record SizeDistribution(Kind kind, double first, double second, long max) {
    /** The distributions. */
    public enum Kind {
        /** Every message has the same size. */
        FIXED,
        /** Sizes uniform between a minimum and a maximum, both included. */
        UNIFORM,
        /** Sizes log-normal around a median. */
        LOG_NORMAL
    }

    /** Validates the parameters. */
    public SizeDistribution {
        Objects.requireNonNull(kind, "kind");
        boolean valid = switch (kind) {
            case FIXED -> first >= 0 && second == 0 && max == (long) first;
            case UNIFORM -> first >= 0 && second >= first && max == (long) second;
            case LOG_NORMAL -> first >= 1 && second > 0 && max >= first;
        };
        if (!valid || Double.isNaN(first) || Double.isNaN(second)) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "invalid " + kind + " size distribution: " + first
                    + ", " + second + ", max " + max);
        }
    }

    /** Every message is {@code bytes} long. */
    public static SizeDistribution fixed(long bytes) {
        return new SizeDistribution(Kind.FIXED, bytes, 0, bytes);
    }

    /** Sizes uniform in {@code min..max} bytes. */
    public static SizeDistribution uniform(long min, long max) {
        return new SizeDistribution(Kind.UNIFORM, min, max, max);
    }

    /**
     * Log-normal sizes with median {@code medianBytes} and shape {@code sigma}, cut at {@code maxBytes}. A median of
     * 25 KB with sigma 1.2 gives a mean near 50 KB, typical of 2007-era mail (CHOICE for any default built on it).
     */
    public static SizeDistribution logNormal(long medianBytes, double sigma, long maxBytes) {
        return new SizeDistribution(Kind.LOG_NORMAL, medianBytes, sigma, maxBytes);
    }

    /** A sampler drawing sizes from {@code random}. */
    LongSupplier sampler(UniformRandomProvider random) {
        return switch (kind) {
            case FIXED -> () -> (long) first;
            case UNIFORM -> () -> random.nextLong((long) first, (long) second + 1);
            case LOG_NORMAL -> {
                ContinuousDistribution.Sampler sampler = LogNormalDistribution.of(Math.log(first), second)
                        .createSampler(random);
                yield () -> Math.max(1, Math.min(max, Math.round(sampler.sample())));
            }
        };
    }
}
