package io.github.exha.archfixtures.statics.violating.core;

/** Violation: volatile does not make a static any less shared. */
public final class VolatileFlag {
    public static volatile boolean chaosArmed;
}
