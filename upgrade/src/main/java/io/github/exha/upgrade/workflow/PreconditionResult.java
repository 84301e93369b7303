package io.github.exha.upgrade.workflow;

import io.github.exha.core.run.StepError;
import java.util.Objects;

/**
 * A precondition as evaluated before its step.
 *
 * @param code the precondition's code
 * @param description what must hold
 * @param held whether it held
 * @param error why not (code, native number, message), or null when it held
 */
public record PreconditionResult(String code, String description, boolean held, StepError error) {
    public PreconditionResult {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
        if (held != (error == null)) {
            throw new IllegalArgumentException("a precondition has an error exactly when it did not hold");
        }
    }

    static PreconditionResult held(Precondition p) {
        return new PreconditionResult(p.code(), p.description(), true, null);
    }

    static PreconditionResult failed(Precondition p, StepError error) {
        return new PreconditionResult(p.code(), p.description(), false, error);
    }
}
