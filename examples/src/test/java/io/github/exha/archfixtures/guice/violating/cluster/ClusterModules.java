package io.github.exha.archfixtures.guice.violating.cluster;

import com.google.inject.AbstractModule;

/** Violation: the name must end with "Module"; "Modules" is a grab-bag, not a module. */
public class ClusterModules extends AbstractModule {
}
