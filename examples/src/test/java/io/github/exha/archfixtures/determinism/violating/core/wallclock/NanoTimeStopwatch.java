package io.github.exha.archfixtures.determinism.violating.core.wallclock;

/** Violation: reads the wall clock outside the kernel. */
public class NanoTimeStopwatch {
    public long now() {
        return System.nanoTime();
    }
}
