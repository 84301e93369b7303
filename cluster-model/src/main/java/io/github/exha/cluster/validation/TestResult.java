package io.github.exha.cluster.validation;

/** The result of one validation test, shown with the words of the Windows Server 2008 validation report. */
public enum TestResult {
    /** The test found nothing to correct. */
    PASSED("Success"),
    /** The configuration works, but something should be corrected for the highest availability. */
    WARNING("Warning"),
    /** The configuration is not suitable for clustering until the reasons given are corrected. */
    FAILED("Failed"),
    /** The test could not run because something it needs failed first (a node could not be reached). */
    CANCELLED("Canceled");

    private final String displayName;

    TestResult(String displayName) {
        this.displayName = displayName;
    }

    /** The report's word for the result. */
    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
