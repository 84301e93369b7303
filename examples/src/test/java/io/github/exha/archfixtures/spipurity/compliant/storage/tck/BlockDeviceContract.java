package io.github.exha.archfixtures.spipurity.compliant.storage.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.exha.archfixtures.spipurity.compliant.storage.spi.BlockDevice;
import org.junit.jupiter.api.Test;

/** The TCK: SPI and JUnit only; a capability the plugin lacks skips the test. */
public abstract class BlockDeviceContract {
    protected abstract BlockDevice device();

    protected abstract boolean supportsLargeBlocks();

    @Test
    void blockSizeIsASectorMultiple() {
        assertEquals(0, device().blockSize() % 512);
    }

    @Test
    void largeBlocksAreSupportedWhenAdvertised() {
        assumeTrue(supportsLargeBlocks());
        assertEquals(0, device().blockSize() % 4096);
    }
}
