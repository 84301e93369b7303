package io.github.exha.availability;

import com.google.inject.AbstractModule;
import io.github.exha.core.CoreModule;

/**
 * The availability module's bindings: the {@code reliability:} topology section. The estimate itself ({@link
 * AvailabilityEstimator}) needs no injector; install this module next to the others so that topologies with the
 * section load in labs too.
 */
public final class AvailabilityModule extends AbstractModule {
    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        CoreModule.topologySections(binder()).addBinding().toInstance(new ReliabilitySection());
    }
}
