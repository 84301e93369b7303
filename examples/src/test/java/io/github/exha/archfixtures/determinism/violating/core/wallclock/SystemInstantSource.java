package io.github.exha.archfixtures.determinism.violating.core.wallclock;

import java.time.InstantSource;

/** Violation: reads the wall clock outside the kernel. */
public class SystemInstantSource {
    public InstantSource source() {
        return InstantSource.system();
    }
}
