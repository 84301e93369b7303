package io.github.exha.upgrade.workflow;

import io.github.exha.core.Lab;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.run.StepError;
import java.util.Objects;
import java.util.Optional;

/**
 * What must hold in the world before a workflow step may run, with a stable code ({@code upgrade.ccr.copies-healthy})
 * and a description an administrator reads in the plan ("every storage group copy of EXCHCMS is healthy").
 *
 * <p>A command's own refusals already act as its preconditions: the engine runs commands for real (in a throwaway lab
 * for a plan), so a refusal shows with the product's code, number and message. A step declares a precondition for
 * what no single command checks at that point (the passive node runs the new build before the CMS moves to it) or to
 * stop before the step changes anything at all.
 *
 * @param code the stable identifier a failure reports (namespaced, kebab-case)
 * @param description what must hold, in the administrator's words
 * @param check the check; it reads the world and must not change it
 */
public record Precondition(String code, String description, Check check) {
    public Precondition {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("a precondition has a code");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("a precondition has a description");
        }
        Objects.requireNonNull(check, "check");
    }

    /** Reads the world and says why the precondition does not hold. */
    @FunctionalInterface
    public interface Check {
        /**
         * Why the precondition does not hold, as the fact found ("NODE2 runs Version 8.0 (Build 685.24)"), or empty
         * when it holds; the failure's message reads {@code Required: <description>. Found: <why>.} A check may
         * instead throw the {@link ExhaException} of the model rule it reuses; the failure then reports that
         * exception's code, native number and message (the product's own words).
         */
        Optional<String> unmet(Lab lab);
    }

    /** Evaluates the check in a lab. */
    public PreconditionResult evaluate(Lab lab) {
        try {
            return check.unmet(lab)
                    .map(why -> PreconditionResult.failed(this, new StepError(code, null,
                            "Required: " + description + ". Found: " + why + ".")))
                    .orElseGet(() -> PreconditionResult.held(this));
        } catch (ExhaException e) {
            return PreconditionResult.failed(this, StepError.of(e));
        }
    }
}
