package io.github.exha.archfixtures.determinism.violating.core.randomness;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/** Violation: draws ambient randomness outside the kernel. */
public class RandomGeneratorFactoryUser {
    public RandomGenerator random() {
        return RandomGeneratorFactory.getDefault().create();
    }
}
