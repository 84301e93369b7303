package io.github.exha.archfixtures.determinism.violating.core.wallclock;

import java.time.LocalDateTime;
import java.time.ZoneId;

/** Violation: reads the wall clock outside the kernel. */
public class ZonedNowTimestamp {
    public LocalDateTime stamp(ZoneId zone) {
        return LocalDateTime.now(zone);
    }
}
