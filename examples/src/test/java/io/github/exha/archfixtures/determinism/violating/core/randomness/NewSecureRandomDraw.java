package io.github.exha.archfixtures.determinism.violating.core.randomness;

import java.security.SecureRandom;

/** Violation: draws ambient randomness outside the kernel. */
public class NewSecureRandomDraw {
    public int draw() {
        return new SecureRandom().nextInt();
    }
}
