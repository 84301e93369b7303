package io.github.exha.core.runbook;

import io.github.exha.core.error.SourcePosition;
import java.util.List;
import java.util.Objects;

/**
 * One step of a runbook: a pipeline of one or more commands ({@code A | B | C}).
 *
 * @param position where the statement's first command starts
 * @param text the statement's source text, verbatim (continuation lines included, trailing comment excluded)
 * @param pipeline the commands, left to right; never empty
 */
public record Statement(SourcePosition position, String text, List<CommandCall> pipeline) {
    public Statement {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(text, "text");
        pipeline = List.copyOf(pipeline);
        if (pipeline.isEmpty()) {
            throw new IllegalArgumentException("a statement has at least one command");
        }
    }
}
