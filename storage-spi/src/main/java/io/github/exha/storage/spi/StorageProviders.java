package io.github.exha.storage.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds the storage plugins on a class path and checks they were built for this SPI. */
public final class StorageProviders {
    private StorageProviders() {
    }

    /**
     * Every plugin visible to {@code loader}, sorted by vendor id.
     *
     * @throws StorageException {@link StorageErrorCode#INCOMPATIBLE_SPI_VERSION} naming the plugin and both versions
     *     when one was built for another SPI; {@link StorageErrorCode#ALREADY_EXISTS} when two claim one vendor id;
     *     {@link StorageErrorCode#INVALID_ARGUMENT} when a listed plugin cannot be instantiated
     */
    public static List<StorageProvider> load(ClassLoader loader) {
        List<StorageProvider> providers = new ArrayList<>();
        try {
            for (StorageProvider provider : ServiceLoader.load(StorageProvider.class, loader)) {
                check(provider);
                for (StorageProvider other : providers) {
                    if (other.vendorId().equals(provider.vendorId())) {
                        throw new StorageException(StorageErrorCode.ALREADY_EXISTS, "Two storage plugins claim vendor"
                                + " id '" + provider.vendorId() + "': " + other.getClass().getName() + " and "
                                + provider.getClass().getName() + ".", null);
                    }
                }
                providers.add(provider);
            }
        } catch (ServiceConfigurationError e) {
            throw new StorageException(StorageErrorCode.INVALID_ARGUMENT, "A storage plugin could not be loaded: "
                    + e.getMessage(), null);
        }
        providers.sort(Comparator.comparing(StorageProvider::vendorId));
        return List.copyOf(providers);
    }

    /**
     * The plugin with this vendor id.
     *
     * @throws StorageException {@link StorageErrorCode#NOT_FOUND} listing the vendor ids that are present
     */
    public static StorageProvider find(ClassLoader loader, String vendorId) {
        List<StorageProvider> all = load(loader);
        for (StorageProvider provider : all) {
            if (provider.vendorId().equals(vendorId)) {
                return provider;
            }
        }
        List<String> ids = all.stream().map(StorageProvider::vendorId).toList();
        throw new StorageException(StorageErrorCode.NOT_FOUND, "No storage plugin has vendor id '" + vendorId
                + "'. Plugins on the class path: " + (ids.isEmpty() ? "none" : String.join(", ", ids)) + ".", null);
    }

    /**
     * Checks a plugin's SPI version against this SPI.
     *
     * @throws StorageException {@link StorageErrorCode#INCOMPATIBLE_SPI_VERSION}
     */
    public static void check(StorageProvider provider) {
        SpiVersion built = provider.spiVersion();
        if (!SpiVersion.CURRENT.accepts(built)) {
            throw new StorageException(StorageErrorCode.INCOMPATIBLE_SPI_VERSION, "Storage plugin '"
                    + provider.vendorId() + "' (" + provider.getClass().getName() + ") was built for storage SPI "
                    + built + ", but this exha provides SPI " + SpiVersion.CURRENT + ": it needs major version "
                    + SpiVersion.CURRENT.major() + " and a minor version up to " + SpiVersion.CURRENT.minor()
                    + ". Use a plugin release built for this SPI.", null);
        }
    }
}
