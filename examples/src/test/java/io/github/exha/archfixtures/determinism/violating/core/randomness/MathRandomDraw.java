package io.github.exha.archfixtures.determinism.violating.core.randomness;

/** Violation: draws ambient randomness outside the kernel. */
public class MathRandomDraw {
    public double draw() {
        return Math.random();
    }
}
