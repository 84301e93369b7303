package io.github.exha.archfixtures.determinism.violating.core.wallclock;

import java.time.Clock;
import java.time.Duration;

/** Violation: reads the wall clock outside the kernel. */
public class OffsetClock {
    public Clock later(Clock base) {
        return Clock.offset(base, Duration.ofHours(1));
    }
}
