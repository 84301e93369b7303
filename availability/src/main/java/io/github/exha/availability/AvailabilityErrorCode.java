package io.github.exha.availability;

import io.github.exha.core.error.ErrorCategory;
import io.github.exha.core.error.ErrorCode;

/** Error codes of availability estimates. */
public enum AvailabilityErrorCode implements ErrorCode {
    /** The topology declares no Exchange mailbox server whose availability could be estimated. */
    NO_MAILBOX_SERVER("availability.no-mailbox-server", ErrorCategory.USER),
    /** A {@code reliability.components} entry names no component of the estimated design. */
    UNKNOWN_COMPONENT("availability.unknown-component", ErrorCategory.USER),
    /** The estimate's own settings are out of range (years, trials, threads). */
    INVALID_SETTINGS("availability.invalid-settings", ErrorCategory.USER),
    /** Measuring a failover in the simulator did not produce one (the design could not fail over there). */
    CALIBRATION_FAILED("availability.calibration-failed", ErrorCategory.STATE);

    private final String id;
    private final ErrorCategory category;

    AvailabilityErrorCode(String id, ErrorCategory category) {
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
