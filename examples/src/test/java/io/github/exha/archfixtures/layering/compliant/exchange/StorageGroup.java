package io.github.exha.archfixtures.layering.compliant.exchange;

import io.github.exha.archfixtures.layering.compliant.cluster.PhysicalDiskResource;

/** exchange-model → cluster-model. */
public record StorageGroup(PhysicalDiskResource logDisk) {
}
