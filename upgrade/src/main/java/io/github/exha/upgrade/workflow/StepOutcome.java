package io.github.exha.upgrade.workflow;

import io.github.exha.core.run.StepError;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How one workflow step went (or, in a plan, would go).
 *
 * @param number the step's 1-based number in its workflow
 * @param name what the step does
 * @param line the runbook line of its first statement, or 0 for a step without statements
 * @param host the session host when it started, or null
 * @param status OK, FAILED (a precondition did not hold or a statement failed) or SKIPPED (an earlier step stopped
 *     the run)
 * @param preconditions each precondition evaluated, in order, up to the first that failed
 * @param statements one result per statement of the step (skipped ones after a failure)
 * @param changes what the step changed in the world, from the journal's state-change entries while it ran
 * @param error why it failed, or null
 */
public record StepOutcome(int number, String name, int line, String host, StepStatus status,
        List<PreconditionResult> preconditions, List<StepResult> statements, List<JournaledChange> changes,
        StepError error) {
    public StepOutcome {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        preconditions = List.copyOf(preconditions);
        statements = List.copyOf(statements);
        changes = List.copyOf(changes);
        if ((status == StepStatus.FAILED) != (error != null)) {
            throw new IllegalArgumentException("a step has an error exactly when it failed");
        }
    }

    /** The step's statements as written, one per line. */
    public String text() {
        return statements.stream().map(StepResult::text).collect(Collectors.joining("\n"));
    }

    /** The precondition that failed the step, if one did. */
    public java.util.Optional<PreconditionResult> failedPrecondition() {
        return preconditions.stream().filter(p -> !p.held()).findFirst();
    }

    /** The warnings the step's commands printed ({@code WARNING: ...} lines), without the prefix. */
    public List<String> warnings() {
        return statements.stream().flatMap(s -> s.output().stream())
                .filter(o -> o instanceof String text && text.startsWith("WARNING: "))
                .map(o -> ((String) o).substring("WARNING: ".length())).toList();
    }
}
