package io.github.exha.archfixtures.determinism.violating.core.wallclock;

import java.time.Instant;

/** Violation: reads the wall clock outside the kernel. */
public class InstantNowTimestamp {
    public Instant stamp() {
        return Instant.now();
    }
}
