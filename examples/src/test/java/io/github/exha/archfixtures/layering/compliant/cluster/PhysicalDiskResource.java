package io.github.exha.archfixtures.layering.compliant.cluster;

import io.github.exha.archfixtures.layering.compliant.core.Lab;
import io.github.exha.archfixtures.layering.compliant.storage.spi.Lun;

/** cluster-model → storage-spi and core. */
public record PhysicalDiskResource(Lun lun, Lab lab) {
}
