package io.github.exha.core.error;

/**
 * A stable, documented error code. Each module contributes an enum implementing this interface; the
 * {@link #id()} never changes once released, so scripts and tests may match on it.
 */
public interface ErrorCode {
    /** The stable identifier, namespaced by module, for example {@code core.unknown-command}. */
    String id();

    /** Whether the user, the world's state or exha itself is at fault. */
    ErrorCategory category();
}
