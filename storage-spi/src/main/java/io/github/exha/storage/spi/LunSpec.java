package io.github.exha.storage.spi;

/**
 * A LUN to create.
 *
 * @param name unique on its array ({@code EXCH-DB1})
 * @param capacityBytes positive, a multiple of the block size
 * @param blockSize a power of two from 512 to 65536 bytes
 */
public record LunSpec(String name, long capacityBytes, int blockSize) {
    /** The block size of most arrays of the era. */
    public static final int DEFAULT_BLOCK_SIZE = 512;

    public LunSpec {
        ArraySpec.requireName(name, "name");
        if (blockSize < 512 || blockSize > 65536 || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("blockSize must be a power of two from 512 to 65536: " + blockSize);
        }
        if (capacityBytes <= 0 || capacityBytes % blockSize != 0) {
            throw new IllegalArgumentException("capacityBytes must be a positive multiple of " + blockSize + ": "
                    + capacityBytes);
        }
    }

    /** A LUN with 512-byte blocks. */
    public static LunSpec of(String name, long capacityBytes) {
        return new LunSpec(name, capacityBytes, DEFAULT_BLOCK_SIZE);
    }
}
