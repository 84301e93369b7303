package io.github.exha.archfixtures.statics.violating.core;

/** Violation: a non-final static, shared by every lab in the JVM. */
public final class SequenceCounter {
    private static long next;

    public static long next() {
        return next++;
    }
}
