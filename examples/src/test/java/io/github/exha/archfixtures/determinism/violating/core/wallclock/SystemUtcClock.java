package io.github.exha.archfixtures.determinism.violating.core.wallclock;

import java.time.Clock;

/** Violation: reads the wall clock outside the kernel. */
public class SystemUtcClock {
    public Clock clock() {
        return Clock.systemUTC();
    }
}
