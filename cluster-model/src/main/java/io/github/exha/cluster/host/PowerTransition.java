package io.github.exha.cluster.host;

import java.util.Objects;

/**
 * A host's power state changed; what services listening on the host learn.
 *
 * @param host the host's name
 * @param from the state before
 * @param to the state after
 */
public record PowerTransition(String host, PowerState from, PowerState to) {
    /** Validates the values. */
    public PowerTransition {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
