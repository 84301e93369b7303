package io.github.exha.archfixtures.determinism.violating.core.randomness;

/** Violation: draws ambient randomness outside the kernel. */
public class StrictMathRandomDraw {
    public double draw() {
        return StrictMath.random();
    }
}
