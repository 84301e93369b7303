package io.github.exha.archfixtures.guice.compliant.examples.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.github.exha.core.CompositionRoot;

/** The composition root builds the injector, here with an anonymous module. */
@CompositionRoot
public final class ExhaLauncher {
    public Injector injector() {
        return Guice.createInjector(Stage.PRODUCTION, new AbstractModule() {
            @Override
            protected void configure() {
                binder().requireExplicitBindings();
                binder().disableCircularProxies();
            }
        });
    }
}
