package io.github.exha.archfixtures.layering.tcktocluster.storage.tck;

import io.github.exha.archfixtures.layering.tcktocluster.cluster.PhysicalDiskResource;

/** Violation: the TCK depends on cluster-model rather than only on the SPI. */
public abstract class DiskContract {
    protected abstract PhysicalDiskResource disk();
}
