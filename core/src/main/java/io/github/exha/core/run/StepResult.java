package io.github.exha.core.run;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One runbook statement's outcome.
 *
 * @param line the 1-based line the statement starts on
 * @param text the statement as written
 * @param host the session host it ran on, or null outside any session
 * @param status how it ended
 * @param start virtual time when it started, or null when skipped
 * @param end virtual time when it ended, or null when skipped
 * @param output what its last command emitted: {@link io.github.exha.core.command.PsObject}s and text lines
 * @param error why it failed, or null
 */
public record StepResult(int line, String text, String host, StepStatus status, Instant start, Instant end,
        List<Object> output, StepError error) {
    public StepResult {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(status, "status");
        output = List.copyOf(output);
        if ((status == StepStatus.FAILED) != (error != null)) {
            throw new IllegalArgumentException("a step has an error exactly when it failed");
        }
    }
}
