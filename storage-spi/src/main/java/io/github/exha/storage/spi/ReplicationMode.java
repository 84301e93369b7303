package io.github.exha.storage.spi;

/** How a consistency group replicates writes. */
public enum ReplicationMode {
    /** A write is acknowledged to the host only once the target array has it: no acknowledged write is lost. */
    SYNC,
    /**
     * A write is acknowledged once the source has it and shipped later, in write order across the whole group, over
     * the link's latency and bandwidth: the target always holds a consistent prefix, possibly behind (the RPO).
     */
    ASYNC
}
