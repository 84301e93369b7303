package io.github.exha.archfixtures.determinism.violating.core.randomness;

import java.util.Random;

/** Violation: draws ambient randomness outside the kernel. */
public class SeededRandomDraw {
    public int draw(long seed) {
        // Seeded, but not from the lab's named streams.
        return new Random(seed).nextInt();
    }
}
