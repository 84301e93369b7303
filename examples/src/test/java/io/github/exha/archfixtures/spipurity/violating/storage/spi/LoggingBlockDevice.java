package io.github.exha.archfixtures.spipurity.violating.storage.spi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Violation: the SPI logs through SLF4J; events go to the StorageContext's listener instead. */
public class LoggingBlockDevice {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingBlockDevice.class);

    public void flush() {
        LOG.info("flush");
    }
}
