package io.github.exha.archfixtures.determinism.violating.core.wallclock;

/** Violation: reads the wall clock outside the kernel. */
public class CurrentTimeMillisStopwatch {
    public long elapsedSince(long start) {
        return System.currentTimeMillis() - start;
    }
}
