package io.github.exha.archfixtures.determinism.violating.core.wallclock;

import java.util.Date;

/** Violation: reads the wall clock outside the kernel. */
public class NewDateTimestamp {
    public Date stamp() {
        return new Date();
    }
}
