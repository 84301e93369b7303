package io.github.exha.archfixtures.spipurity.violating.storage.spi;

import io.github.exha.core.error.ExhaException;

/** Violation: the SPI names core's error model instead of carrying its own SPI error codes. */
public interface CoreErrorLun {
    void write(byte[] block) throws ExhaException;
}
