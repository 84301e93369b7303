package io.github.exha.archfixtures.layering.spitocore.storage.spi;

import io.github.exha.archfixtures.layering.spitocore.core.kernel.SimClock;

/** Violation: the storage SPI names core. */
public interface LunMasking {
    SimClock clock();
}
