package io.github.exha.archfixtures.determinism.violating.core.randomness;

import java.util.Random;

/** Violation: a Random subclass outside the kernel seeds itself from ambient entropy via super(). */
public class JitteredRandom extends Random {
    private static final long serialVersionUID = 1L;
}
