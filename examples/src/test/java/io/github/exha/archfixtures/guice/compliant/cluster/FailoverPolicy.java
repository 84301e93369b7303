package io.github.exha.archfixtures.guice.compliant.cluster;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Plain classes use jakarta.inject, which is allowed everywhere. */
@Singleton
public class FailoverPolicy {
    private final int maxFailures;

    @Inject
    public FailoverPolicy() {
        this.maxFailures = 3;
    }

    public int maxFailures() {
        return maxFailures;
    }
}
