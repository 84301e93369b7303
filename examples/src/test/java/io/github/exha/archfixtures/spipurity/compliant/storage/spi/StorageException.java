package io.github.exha.archfixtures.spipurity.compliant.storage.spi;

/** The SPI's own unchecked error. */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }
}
