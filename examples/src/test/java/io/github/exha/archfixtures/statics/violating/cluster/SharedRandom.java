package io.github.exha.archfixtures.statics.violating.cluster;

import java.util.Random;

/** Violation: a final reference to a mutable object is still shared state. */
public final class SharedRandom {
    static final Random RANDOM = new Random(1);
}
