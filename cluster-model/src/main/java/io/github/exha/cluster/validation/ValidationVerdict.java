package io.github.exha.cluster.validation;

/** The overall outcome of a validation, as the wizard's summary page states it. */
public enum ValidationVerdict {
    /** Every test that ran succeeded. */
    PASSED("passed"),
    /** No test failed, but some reported warnings. */
    PASSED_WITH_WARNINGS("passed with warnings"),
    /** Some test failed or could not run: the configuration is not suitable for clustering. */
    FAILED("failed");

    private final String words;

    ValidationVerdict(String words) {
        this.words = words;
    }

    /** {@code passed}, {@code passed with warnings} or {@code failed}. */
    public String words() {
        return words;
    }

    /**
     * The wizard's closing sentence for this outcome.
     *
     * @param allTestsRun whether every test was selected; Microsoft supports a cluster only if it passed them all,
     *     so the wizard words a partial run differently
     */
    public String message(boolean allTestsRun) {
        return switch (this) {
            case PASSED -> allTestsRun
                    ? "Testing has completed successfully. The configuration appears to be suitable for clustering."
                    : "Testing has completed for the tests you selected. To confirm that your cluster solution is"
                            + " supported by Microsoft, you must run all cluster validation tests.";
            case PASSED_WITH_WARNINGS -> allTestsRun
                    ? "Testing has completed successfully. The configuration appears to be suitable for clustering."
                            + " However, you should review the report because it may contain warnings which you"
                            + " should address to attain the highest availability."
                    : "Testing has completed for the tests you selected. You should review the warnings in the Report."
                            + " A cluster solution is supported by Microsoft only if it passes all cluster validation"
                            + " tests.";
            case FAILED -> (allTestsRun ? "Testing has completed." : "Testing has completed for the tests you selected.")
                    + " One or more tests failed or could not run: the configuration is not suitable for clustering."
                    + " Review the failures in the Report and correct them, then validate again.";
        };
    }

    @Override
    public String toString() {
        return words;
    }
}
