package io.github.exha.availability;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.github.exha.cluster.topology.TimeInterval;
import io.github.exha.core.error.NearestNames;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.WeibullDistribution;

/**
 * A distribution of durations (a time to failure, a repair time, an administrator's reaction), as a topology writes
 * it, with durations in the topology duration syntax ({@code P180D}, {@code PT30M}, {@code 1.00:00:00}):
 *
 * <pre>
 * { distribution: exponential, mean: P180D }              # memoryless; mean = MTBF (or MTTR): mtbf: and mttr: work too
 * { distribution: weibull, shape: 0.8, scale: P200D }     # shape below 1: infant mortality, above 1: wear-out
 * { distribution: lognormal, median: PT30M, p95: PT8H }   # repairs: usually quick, sometimes very long
 * { distribution: lognormal, median: PT30M, sigma: 1.2 }  # the same family by its shape parameter
 * </pre>
 *
 * <p>A parameter that does not belong to the distribution is refused rather than ignored, so a typo never silently
 * changes an estimate.
 *
 * @param kind which distribution
 * @param mean the mean (exponential)
 * @param shape the Weibull shape
 * @param scale the Weibull scale
 * @param median the log-normal median
 * @param sigma the log-normal shape (standard deviation of the logarithm)
 * @param p95 the log-normal 95th percentile, instead of {@code sigma}
 */
public record DurationDistribution(Kind kind, TimeInterval mean, Double shape, TimeInterval scale, TimeInterval median,
        Double sigma, TimeInterval p95) {
    /** The families. */
    public enum Kind {
        /** Constant rate: {@code mean}. */
        EXPONENTIAL,
        /** Weibull: {@code shape}, {@code scale}. */
        WEIBULL,
        /** Log-normal: {@code median} with {@code sigma} or {@code p95}. */
        LOGNORMAL
    }

    // The standard normal's 95th percentile: p95 = median * exp(Z95 * sigma).
    private static final double Z95 = 1.6448536269514722;

    /** Validates the parameters of the family. */
    public DurationDistribution {
        if (kind == null) {
            throw new IllegalArgumentException("a distribution names its family: distribution: exponential, weibull or"
                    + " lognormal");
        }
        switch (kind) {
            case EXPONENTIAL -> {
                positive(mean, "an exponential distribution needs a positive mean, for example mean: P180D");
                absent(kind, "shape", shape, "scale", scale, "median", median, "sigma", sigma, "p95", p95);
            }
            case WEIBULL -> {
                if (shape == null || !(shape > 0) || shape > 100) {
                    throw new IllegalArgumentException("a weibull distribution needs a shape between 0 and 100 "
                            + "(exclusive of 0), for example shape: 1.5");
                }
                positive(scale, "a weibull distribution needs a positive scale, for example scale: P200D");
                absent(kind, "mean", mean, "median", median, "sigma", sigma, "p95", p95);
            }
            case LOGNORMAL -> {
                positive(median, "a lognormal distribution needs a positive median, for example median: PT30M");
                absent(kind, "mean", mean, "shape", shape, "scale", scale);
                if ((sigma == null) == (p95 == null)) {
                    throw new IllegalArgumentException("a lognormal distribution needs either sigma or p95 (one of "
                            + "them), for example median: PT30M, p95: PT8H");
                }
                if (sigma != null && (!(sigma > 0) || sigma > 10)) {
                    throw new IllegalArgumentException("a lognormal sigma is between 0 and 10 (exclusive of 0), not "
                            + sigma);
                }
                if (p95 != null && p95.duration().compareTo(median.duration()) <= 0) {
                    throw new IllegalArgumentException("a lognormal p95 (" + p95 + ") must be longer than its median ("
                            + median + ")");
                }
            }
        }
    }

    /** The keys a distribution may have in YAML. */
    private static final List<String> KEYS = List.of("distribution", "mean", "mtbf", "mttr", "shape", "scale", "median",
            "sigma", "p95");

    /**
     * Reads the YAML form: the family by name (case-insensitive) and its parameters. Read from the whole mapping so
     * that a misspelt key is named as such ({@code mtbf}: did you mean {@code mean}?) rather than reported as the
     * parameter it left missing.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static DurationDistribution fromYaml(Map<String, Object> yaml) {
        if (yaml == null) {
            throw new IllegalArgumentException("a distribution is a mapping such as { distribution: exponential, mean: P180D }");
        }
        for (String key : yaml.keySet()) {
            if (!KEYS.contains(key)) {
                String suggestion = NearestNames.nearest(key, KEYS, 1).stream().findFirst()
                        .map(known -> " (did you mean '" + known + "'?)").orElse("");
                throw new IllegalArgumentException("unknown key '" + key + "'" + suggestion + "; a distribution takes "
                        + String.join(", ", KEYS));
            }
        }
        if (!(yaml.get("distribution") instanceof String distribution) || distribution.isBlank()) {
            throw new IllegalArgumentException("a distribution names its family: distribution: exponential, weibull or"
                    + " lognormal");
        }
        Kind kind = switch (distribution.strip().toLowerCase(Locale.ROOT)) {
            case "exponential" -> Kind.EXPONENTIAL;
            case "weibull" -> Kind.WEIBULL;
            case "lognormal", "log-normal" -> Kind.LOGNORMAL;
            default -> throw new IllegalArgumentException("unknown distribution '" + distribution
                    + "'; use exponential, weibull or lognormal");
        };
        // MTBF and MTTR are what reliability figures are usually quoted as: both name the exponential mean.
        List<String> means = List.of("mean", "mtbf", "mttr").stream().filter(yaml::containsKey).toList();
        if (means.size() > 1) {
            throw new IllegalArgumentException("give one of " + String.join(", ", means) + ": they all name the mean");
        }
        TimeInterval mean = means.isEmpty() ? null : interval(yaml, means.get(0));
        return new DurationDistribution(kind, mean, number(yaml, "shape"), interval(yaml, "scale"),
                interval(yaml, "median"), number(yaml, "sigma"), interval(yaml, "p95"));
    }

    private static TimeInterval interval(Map<String, Object> yaml, String key) {
        Object value = yaml.get(key);
        if (value == null) {
            return null;
        }
        try {
            return TimeInterval.of(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + key + "': " + e.getMessage());
        }
    }

    private static Double number(Map<String, Object> yaml, String key) {
        Object value = yaml.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException("'" + key + "' must be a number, for example 1.5, not '" + value + "'");
    }

    /** Exponential durations with the given mean. */
    public static DurationDistribution exponential(Duration mean) {
        return new DurationDistribution(Kind.EXPONENTIAL, new TimeInterval(mean), null, null, null, null, null);
    }

    /** Weibull durations. */
    public static DurationDistribution weibull(double shape, Duration scale) {
        return new DurationDistribution(Kind.WEIBULL, null, shape, new TimeInterval(scale), null, null, null);
    }

    /** Log-normal durations by median and 95th percentile. */
    public static DurationDistribution lognormal(Duration median, Duration p95) {
        return new DurationDistribution(Kind.LOGNORMAL, null, null, null, new TimeInterval(median), null,
                new TimeInterval(p95));
    }

    /** Log-normal durations by median and shape. */
    public static DurationDistribution lognormal(Duration median, double sigma) {
        return new DurationDistribution(Kind.LOGNORMAL, null, null, null, new TimeInterval(median), sigma, null);
    }

    /** The distribution in seconds, from Apache Commons Statistics. */
    public ContinuousDistribution seconds() {
        return switch (kind) {
            case EXPONENTIAL -> ExponentialDistribution.of(seconds(mean));
            case WEIBULL -> WeibullDistribution.of(shape, seconds(scale));
            case LOGNORMAL -> LogNormalDistribution.of(Math.log(seconds(median)), logSigma());
        };
    }

    /** A sampler of durations in seconds drawing from {@code random}. */
    public ContinuousDistribution.Sampler sampler(UniformRandomProvider random) {
        return seconds().createSampler(random);
    }

    /** The mean in seconds. */
    public double meanSeconds() {
        return seconds().getMean();
    }

    private double logSigma() {
        return sigma != null ? sigma : Math.log(seconds(p95) / seconds(median)) / Z95;
    }

    /** Words for output: {@code exponential(mean P180D)}. */
    public String describe() {
        return switch (kind) {
            case EXPONENTIAL -> "exponential(mean " + mean + ")";
            case WEIBULL -> "weibull(shape " + shape + ", scale " + scale + ")";
            case LOGNORMAL -> "lognormal(median " + median + (sigma != null ? ", sigma " + sigma : ", p95 " + p95) + ")";
        };
    }

    private static double seconds(TimeInterval interval) {
        Duration d = interval.duration();
        return d.getSeconds() + d.getNano() / 1e9;
    }

    private static void positive(TimeInterval value, String message) {
        if (value == null || value.duration().isNegative() || value.duration().isZero()) {
            throw new IllegalArgumentException(value == null ? message : message + "; found " + value);
        }
    }

    private static void absent(Kind kind, Object... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                throw new IllegalArgumentException("'" + namesAndValues[i] + "' does not belong to a "
                        + kind.name().toLowerCase(Locale.ROOT) + " distribution");
            }
        }
    }
}
