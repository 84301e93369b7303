package io.github.exha.archfixtures.determinism.violating.core.randomness;

import java.util.Random;
import java.util.function.Supplier;

/** Violation: draws ambient randomness outside the kernel. */
public class RandomConstructorReference {
    public Supplier<Random> randoms() {
        return Random::new;
    }
}
