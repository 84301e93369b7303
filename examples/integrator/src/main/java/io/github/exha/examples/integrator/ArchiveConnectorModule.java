package io.github.exha.examples.integrator;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import io.github.exha.cluster.ClusterModule;
import io.github.exha.core.CoreModule;

/**
 * The integrator's Guice module: contributes the custom cluster resource type to the registry every cluster of the
 * lab uses ({@link ClusterModule#resourceTypes}) and the custom runbook command to the command catalog
 * ({@link CoreModule#commands}). Install it next to exha's modules:
 * {@code Lab.create(spec, new ExamplesModule(), new ArchiveConnectorModule())}.
 */
public final class ArchiveConnectorModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(ArchiveConnectorType.class).in(Singleton.class);
        ClusterModule.resourceTypes(binder()).addBinding(ArchiveConnectorType.NAME).to(ArchiveConnectorType.class);
        bind(TestArchiveConnector.class).in(Singleton.class);
        CoreModule.commands(binder()).addBinding().to(TestArchiveConnector.class);
    }
}
