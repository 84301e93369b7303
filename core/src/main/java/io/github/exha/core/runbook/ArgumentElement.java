package io.github.exha.core.runbook;

import io.github.exha.core.error.SourcePosition;
import java.util.Objects;

/**
 * A value on its own: a positional argument, or the argument of the preceding {@code -Name} parameter
 * (the binder decides which, as PowerShell does, from the parameter's type).
 *
 * @param value the value
 */
public record ArgumentElement(Value value) implements CommandElement {
    public ArgumentElement {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public SourcePosition position() {
        return value.position();
    }
}
