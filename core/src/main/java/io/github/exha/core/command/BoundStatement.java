package io.github.exha.core.command;

import io.github.exha.core.runbook.Statement;
import java.util.List;
import java.util.Objects;

/**
 * A runbook statement whose commands are all resolved and bound.
 *
 * @param statement the statement as written
 * @param calls its commands, left to right
 */
public record BoundStatement(Statement statement, List<BoundCall> calls) {
    public BoundStatement {
        Objects.requireNonNull(statement, "statement");
        calls = List.copyOf(calls);
    }
}
