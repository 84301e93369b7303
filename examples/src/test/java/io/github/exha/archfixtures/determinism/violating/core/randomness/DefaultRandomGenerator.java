package io.github.exha.archfixtures.determinism.violating.core.randomness;

import java.util.random.RandomGenerator;

/** Violation: draws ambient randomness outside the kernel. */
public class DefaultRandomGenerator {
    public RandomGenerator random() {
        return RandomGenerator.getDefault();
    }
}
