package io.github.exha.archfixtures.guice.compliant.cluster;

import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import java.util.List;

/** A *Module may use Guice, and so may its nested and anonymous classes. */
public final class ClusterModule extends AbstractModule {
    @Override
    protected void configure() {
        ResourceTypes.bind(binder());
        bind(new TypeLiteral<List<String>>() { }).toInstance(List.of("Physical Disk"));
    }

    /** Helper nested in the module. */
    static final class ResourceTypes {
        private ResourceTypes() {
        }

        static void bind(com.google.inject.Binder binder) {
            MapBinder.newMapBinder(binder, String.class, String.class)
                    .addBinding("Physical Disk").toInstance("PhysicalDiskResource");
        }
    }
}
