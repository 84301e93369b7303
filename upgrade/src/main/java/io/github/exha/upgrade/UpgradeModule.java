package io.github.exha.upgrade;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import io.github.exha.upgrade.procedure.UpgradeChecks;

/**
 * The upgrade module's bindings: the lab-side checks the procedures' preconditions read ({@link UpgradeChecks}). The
 * workflow engine itself works across labs (a plan runs in a throwaway one, a resume in a new one) and is built by
 * the caller with its own lab factory, so it is not bound here. Install it next to the {@code ReplicationModule}.
 */
public final class UpgradeModule extends AbstractModule {
    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        bind(UpgradeChecks.class).in(Singleton.class);
    }
}
