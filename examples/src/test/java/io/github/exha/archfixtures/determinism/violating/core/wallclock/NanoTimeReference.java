package io.github.exha.archfixtures.determinism.violating.core.wallclock;

import java.util.function.LongSupplier;

/** Violation: reads the wall clock outside the kernel. */
public class NanoTimeReference {
    public LongSupplier ticker() {
        return System::nanoTime;
    }
}
