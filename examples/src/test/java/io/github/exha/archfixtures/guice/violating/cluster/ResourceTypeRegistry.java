package io.github.exha.archfixtures.guice.violating.cluster;

import com.google.inject.Injector;

/** Violation: a domain class looks things up in the injector (service locator). */
public class ResourceTypeRegistry {
    private final Injector injector;

    public ResourceTypeRegistry(Injector injector) {
        this.injector = injector;
    }

    public Object resourceType(Class<?> type) {
        return injector.getInstance(type);
    }
}
