package io.github.exha.cluster.validation;

import java.util.Objects;

/**
 * The counts of a validation's results and its verdict.
 *
 * @param passed tests that succeeded
 * @param warnings tests that reported warnings
 * @param failed tests that failed
 * @param cancelled tests that could not run
 * @param verdict the overall outcome
 * @param message the wizard's closing sentence for it
 */
public record ValidationSummary(int passed, int warnings, int failed, int cancelled, ValidationVerdict verdict,
        String message) {
    /** Validates the values. */
    public ValidationSummary {
        if (passed < 0 || warnings < 0 || failed < 0 || cancelled < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(message, "message");
    }

    /** How many tests had {@code result}. */
    public int count(TestResult result) {
        return switch (result) {
            case PASSED -> passed;
            case WARNING -> warnings;
            case FAILED -> failed;
            case CANCELLED -> cancelled;
        };
    }

    /** How many tests ran or were cancelled. */
    public int total() {
        return passed + warnings + failed + cancelled;
    }

    /** {@code 20 Success, 1 Warning, 0 Failed, 0 Canceled}. */
    public String counts() {
        return passed + " " + TestResult.PASSED + ", " + warnings + " " + TestResult.WARNING + ", " + failed + " "
                + TestResult.FAILED + ", " + cancelled + " " + TestResult.CANCELLED;
    }
}
