package io.github.exha.archfixtures.determinism.violating.core.randomness;

import java.util.random.RandomGenerator.SplittableGenerator;

/** Violation: draws ambient randomness outside the kernel. */
public class NamedSplittableGenerator {
    public SplittableGenerator random() {
        return SplittableGenerator.of("L64X128MixRandom");
    }
}
