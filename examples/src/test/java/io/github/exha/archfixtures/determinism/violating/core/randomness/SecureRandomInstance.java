package io.github.exha.archfixtures.determinism.violating.core.randomness;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Violation: draws ambient randomness outside the kernel. */
public class SecureRandomInstance {
    public SecureRandom random() throws NoSuchAlgorithmException {
        return SecureRandom.getInstanceStrong();
    }
}
