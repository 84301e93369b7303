package io.github.exha.archfixtures.determinism.violating.core.randomness;

import java.util.Random;

/** Violation: draws ambient randomness outside the kernel. */
public class NewRandomDraw {
    public int draw() {
        return new Random().nextInt();
    }
}
