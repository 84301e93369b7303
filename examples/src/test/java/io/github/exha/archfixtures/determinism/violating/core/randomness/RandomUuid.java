package io.github.exha.archfixtures.determinism.violating.core.randomness;

import java.util.UUID;

/** Violation: draws ambient randomness outside the kernel. */
public class RandomUuid {
    public UUID id() {
        return UUID.randomUUID();
    }
}
