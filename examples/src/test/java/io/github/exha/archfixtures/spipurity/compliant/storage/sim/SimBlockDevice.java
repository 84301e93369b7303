package io.github.exha.archfixtures.spipurity.compliant.storage.sim;

import io.github.exha.archfixtures.spipurity.compliant.storage.spi.BlockDevice;
import io.github.exha.archfixtures.spipurity.compliant.storage.spi.StorageContext;
import java.util.HashMap;
import java.util.Map;

/** The reference plugin: JDK and SPI only. */
public class SimBlockDevice implements BlockDevice {
    private final Map<Long, byte[]> blocks = new HashMap<>();
    private final StorageContext context;

    public SimBlockDevice(StorageContext context) {
        this.context = context;
    }

    @Override
    public int blockSize() {
        return 512;
    }

    @Override
    public void write(long block, byte[] data) {
        blocks.put(block, data.clone());
        context.events().accept("write " + block + " at " + context.clock().instant());
    }
}
