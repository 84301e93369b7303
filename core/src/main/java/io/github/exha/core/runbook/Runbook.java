package io.github.exha.core.runbook;

import java.util.List;
import java.util.Objects;

/**
 * A parsed runbook: the statements of one file in source order.
 *
 * @param file the file name used in every position of this runbook
 * @param statements one entry per pipeline, in source order
 */
public record Runbook(String file, List<Statement> statements) {
    public Runbook {
        Objects.requireNonNull(file, "file");
        statements = List.copyOf(statements);
    }
}
