package io.github.exha.core.run;

import io.github.exha.core.error.ExhaException;
import java.util.Objects;

/**
 * Why a step failed.
 *
 * @param code the stable exha error code ({@code core.unknown-host})
 * @param nativeCode the real product's number as it prints it ({@code 5018 (0x139A)}), or null
 * @param message the message, as the real product words it where it has one
 */
public record StepError(String code, String nativeCode, String message) {
    public StepError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** The error an exception reports. */
    public static StepError of(ExhaException e) {
        return new StepError(e.code().id(), e.nativeCode().map(Object::toString).orElse(null), e.getMessage());
    }
}
