package io.github.exha.archfixtures.statics.violating.cluster;

import java.util.concurrent.atomic.AtomicLong;

/** Violation: a final reference to a mutable object is still shared state. */
public final class GenerationCounter {
    static final AtomicLong GENERATION = new AtomicLong();
}
