package io.github.exha.archfixtures.guice.violating.cluster;

import com.google.inject.Inject;

/** Violation: Guice's own @Inject instead of jakarta.inject.Inject. */
public class GuiceInjectedFailoverPolicy {
    @Inject
    public GuiceInjectedFailoverPolicy() {
    }
}
