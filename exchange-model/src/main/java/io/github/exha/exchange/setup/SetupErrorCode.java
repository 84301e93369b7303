package io.github.exha.exchange.setup;

import io.github.exha.core.error.ErrorCategory;
import io.github.exha.core.error.ErrorCode;

/** Error codes of Exchange setup. */
public enum SetupErrorCode implements ErrorCode {
    /** A prerequisite check failed (no cluster, wrong edition, not a domain member, names in use...). */
    PREREQUISITE_FAILED("exchange.setup.prerequisite-failed", ErrorCategory.USER),
    /** A setup step failed; the installation keeps a watermark. */
    STEP_FAILED("exchange.setup.step-failed", ErrorCategory.STATE),
    /** A watermark records a failed action; setup resumes only that action until it completes. */
    RESUME_REQUIRED("exchange.setup.resume-required", ErrorCategory.STATE),
    /** A mode exha does not model yet. */
    NOT_SUPPORTED("exchange.setup.not-supported", ErrorCategory.USER);

    private final String id;
    private final ErrorCategory category;

    SetupErrorCode(String id, ErrorCategory category) {
        this.id = id;
        this.category = category;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
