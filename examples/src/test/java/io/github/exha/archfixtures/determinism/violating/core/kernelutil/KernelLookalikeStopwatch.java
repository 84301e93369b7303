package io.github.exha.archfixtures.determinism.violating.core.kernelutil;

/** Violation: core.kernelutil is not core.kernel; the exemption is by package segment. */
public class KernelLookalikeStopwatch {
    public long now() {
        return System.nanoTime();
    }
}
