package io.github.exha.core.invariant;

import java.util.Objects;

/**
 * The outcome of checking one invariant.
 *
 * @param name the invariant's name
 * @param held whether it held
 * @param detail what was checked, or what broke it
 */
public record InvariantResult(String name, boolean held, String detail) {
    public InvariantResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }
}
