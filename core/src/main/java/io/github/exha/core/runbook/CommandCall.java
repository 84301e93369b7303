package io.github.exha.core.runbook;

import io.github.exha.core.error.SourcePosition;
import java.util.List;
import java.util.Objects;

/**
 * One command of a pipeline, as written: its name and its elements in order.
 *
 * @param name the command name as written ({@code Get-StorageGroup}, {@code Setup.com}, {@code cluster})
 * @param position where the name starts
 * @param elements parameters, slash switches and arguments, in source order
 */
public record CommandCall(String name, SourcePosition position, List<CommandElement> elements) {
    public CommandCall {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(position, "position");
        elements = List.copyOf(elements);
    }
}
