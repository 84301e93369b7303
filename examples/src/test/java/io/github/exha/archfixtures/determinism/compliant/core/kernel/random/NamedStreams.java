package io.github.exha.archfixtures.determinism.compliant.core.kernel.random;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/** Sub-packages of the kernel are the kernel too. */
public final class NamedStreams {
    public RandomGenerator stream(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }
}
