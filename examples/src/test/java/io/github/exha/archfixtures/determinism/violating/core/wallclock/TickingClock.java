package io.github.exha.archfixtures.determinism.violating.core.wallclock;

import java.time.Clock;
import java.time.ZoneOffset;

/** Violation: reads the wall clock outside the kernel. */
public class TickingClock {
    public Clock clock() {
        return Clock.tickSeconds(ZoneOffset.UTC);
    }
}
