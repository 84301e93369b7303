package io.github.exha.archfixtures.spipurity.compliant.storage.spi;

/** Primitive arrays and defaults are fine. */
public interface BlockDevice {
    int blockSize();

    void write(long block, byte[] data);

    default void flush() {
    }
}
