package io.github.exha.archfixtures.spipurity.violating.storage.tck;

import org.mockito.Mockito;

/** Violation: the TCK needs Mockito, which a vendor certifying a plugin would not have on the classpath. */
public abstract class MockingLunContract {
    protected Runnable listener() {
        return Mockito.mock(Runnable.class);
    }
}
