package io.github.exha.cluster.validation;

import java.util.List;
import java.util.Objects;

/**
 * What one validation test found.
 *
 * @param test the test
 * @param result its result
 * @param messages what it found, in the order found: what it listed, and for a warning, failure or cancellation the
 *     reasons and what to do about them
 */
public record TestReport(ValidationTest test, TestResult result, List<String> messages) {
    /** Validates the values and copies the messages. */
    public TestReport {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(result, "result");
        messages = List.copyOf(messages);
    }

    /** The test's name, for example {@code Validate Service Pack Levels}. */
    public String name() {
        return test.displayName();
    }

    /** The test's category. */
    public ValidationCategory category() {
        return test.category();
    }

    /** {@code System Configuration - Validate Service Pack Levels}, as Test-Cluster names a test in its warnings. */
    public String qualifiedName() {
        return test.category().displayName() + " - " + test.displayName();
    }
}
