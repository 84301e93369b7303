package io.github.exha.storage.spi;

import java.util.Objects;

/**
 * A source LUN and its replica, in the roles they have now (a reverse swaps them).
 *
 * @param source the LUN hosts write to
 * @param target its copy on the other array
 */
public record ReplicationPair(LunRef source, LunRef target) {
    public ReplicationPair {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }
}
