package io.github.exha.examples.matrix;

import io.github.exha.storage.spi.StorageProvider;
import io.github.exha.storage.spi.StorageProviders;
import io.github.exha.storage.tck.StorageTck;
import java.util.Objects;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The whole TCK for the plugin whose vendor id is the JUnit configuration parameter {@value #VENDOR}: one class
 * certifies any plugin on the class path, so {@link SupportMatrix} needs no class per vendor. Run only through the
 * JUnit Platform Launcher (it lives in main sources, where Surefire does not look for tests).
 */
@ExtendWith(ConfiguredPluginTck.PluginResolver.class)
public class ConfiguredPluginTck extends StorageTck {
    /** The configuration parameter naming the vendor id to certify. */
    public static final String VENDOR = "exha.tck.vendor";

    private final StorageProvider provider;

    /** JUnit calls it with the plugin {@link PluginResolver} found. */
    public ConfiguredPluginTck(StorageProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    @Override
    protected StorageProvider provider() {
        return provider;
    }

    /** Finds the plugin named by {@value #VENDOR} the way exha finds plugins: ServiceLoader, by vendor id. */
    public static final class PluginResolver implements ParameterResolver {
        /** JUnit creates it. */
        public PluginResolver() {
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == StorageProvider.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            String vendor = context.getConfigurationParameter(VENDOR).orElseThrow(() ->
                    new ParameterResolutionException("Set the JUnit configuration parameter " + VENDOR
                            + " to the vendor id of the plugin to certify."));
            return StorageProviders.find(ConfiguredPluginTck.class.getClassLoader(), vendor);
        }
    }
}
