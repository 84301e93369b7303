package io.github.exha.storage.tck.plugins;

import io.github.exha.storage.spi.SpiVersion;
import io.github.exha.storage.spi.StorageProvider;

/**
 * Reports {@link SpiVersion#CURRENT}, the SPI it runs next to, instead of the one it was compiled against: it would
 * load in any exha whatever SPI it was built for. Rule 1.2 must catch it.
 */
public final class RuntimeSpiVersion extends ForwardingStorageProvider {
    /** Forwards everything else to {@code working}. */
    public RuntimeSpiVersion(StorageProvider working) {
        super(working);
    }

    @Override
    public SpiVersion spiVersion() {
        return SpiVersion.CURRENT;
    }
}
