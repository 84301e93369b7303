package io.github.exha.archfixtures.layering.compliant.replication;

import io.github.exha.archfixtures.layering.compliant.core.Lab;
import io.github.exha.archfixtures.layering.compliant.exchange.StorageGroup;
import io.github.exha.archfixtures.layering.compliant.storage.spi.Lun;

/** replication → exchange-model, and directly to the SPI (SAN replication) and core: layering is not strict. */
public record StorageGroupCopy(StorageGroup source, Lun targetLun, Lab lab) {
}
