package io.github.exha.core.kernel;

/**
 * Arms one fault point: each time the point is reached it fires with {@code probability}, at most
 * {@code maxFirings} times.
 *
 * @param point the fault point's name, for example {@code san.link}
 * @param probability the chance of firing each time the point is reached, in [0, 1]
 * @param maxFirings how many times it may fire while armed by this rule: at least 1, or {@link #UNLIMITED}
 */
public record FaultRule(String point, double probability, int maxFirings) {
    /** No limit on the number of firings. */
    public static final int UNLIMITED = -1;

    /** Validates the rule. */
    public FaultRule {
        if (point == null || point.isBlank()) {
            throw new IllegalArgumentException("fault point name must not be blank");
        }
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability + " for " + point);
        }
        if (maxFirings < 1 && maxFirings != UNLIMITED) {
            throw new IllegalArgumentException("maxFirings must be at least 1 or UNLIMITED (-1), got " + maxFirings + " for " + point);
        }
    }

    /** A rule that fires every time, without limit. */
    public static FaultRule always(String point) {
        return new FaultRule(point, 1.0, UNLIMITED);
    }

    /** A rule that fires the first time the point is reached, once. */
    public static FaultRule once(String point) {
        return new FaultRule(point, 1.0, 1);
    }

    /** Whether the rule limits the number of firings. */
    public boolean isLimited() {
        return maxFirings != UNLIMITED;
    }
}
