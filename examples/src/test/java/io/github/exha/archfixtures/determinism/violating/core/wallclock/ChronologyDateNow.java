package io.github.exha.archfixtures.determinism.violating.core.wallclock;

import java.time.chrono.ChronoLocalDate;
import java.time.chrono.IsoChronology;

/** Violation: reads the wall clock outside the kernel. */
public class ChronologyDateNow {
    public ChronoLocalDate today() {
        return IsoChronology.INSTANCE.dateNow();
    }
}
