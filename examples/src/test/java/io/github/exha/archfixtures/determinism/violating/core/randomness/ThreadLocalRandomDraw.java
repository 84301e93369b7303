package io.github.exha.archfixtures.determinism.violating.core.randomness;

import java.util.concurrent.ThreadLocalRandom;

/** Violation: draws ambient randomness outside the kernel. */
public class ThreadLocalRandomDraw {
    public int draw() {
        return ThreadLocalRandom.current().nextInt();
    }
}
