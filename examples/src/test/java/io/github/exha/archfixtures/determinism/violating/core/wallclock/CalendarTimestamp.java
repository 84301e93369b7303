package io.github.exha.archfixtures.determinism.violating.core.wallclock;

import java.util.Calendar;

/** Violation: reads the wall clock outside the kernel. */
public class CalendarTimestamp {
    public Calendar stamp() {
        return Calendar.getInstance();
    }
}
