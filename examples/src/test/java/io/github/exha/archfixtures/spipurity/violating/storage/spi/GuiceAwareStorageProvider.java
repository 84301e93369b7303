package io.github.exha.archfixtures.spipurity.violating.storage.spi;

import com.google.inject.Injector;

/** Violation: the SPI names Guice, so a vendor could not implement it without Guice. */
public interface GuiceAwareStorageProvider {
    void install(Injector injector);
}
