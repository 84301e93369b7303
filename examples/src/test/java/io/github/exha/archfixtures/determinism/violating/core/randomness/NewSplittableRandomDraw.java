package io.github.exha.archfixtures.determinism.violating.core.randomness;

import java.util.SplittableRandom;

/** Violation: draws ambient randomness outside the kernel. */
public class NewSplittableRandomDraw {
    public int draw() {
        return new SplittableRandom().nextInt();
    }
}
