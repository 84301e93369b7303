package io.github.exha.core.runbook;

import io.github.exha.core.error.SourcePosition;
import java.util.Objects;
import java.util.Optional;

/**
 * A parameter token: {@code -Name}, or {@code -Name:value} with the value attached. The dash may be a
 * hyphen-minus, an en dash, an em dash or a horizontal bar, as PowerShell accepts (word processors turn
 * {@code -} into {@code –} in published procedures).
 *
 * @param name the parameter name without its dash, as written
 * @param rawText the token exactly as written, dash included
 * @param attachedValue the value after {@code :}, or null for {@code -Name}
 * @param position where the dash is
 */
public record ParameterElement(String name, String rawText, Value attachedValue, SourcePosition position)
        implements CommandElement {
    public ParameterElement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rawText, "rawText");
        Objects.requireNonNull(position, "position");
    }

    /** The value given with {@code -Name:value}, if any. */
    public Optional<Value> attached() {
        return Optional.ofNullable(attachedValue);
    }
}
