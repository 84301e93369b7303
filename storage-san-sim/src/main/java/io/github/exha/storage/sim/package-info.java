/**
 * The reference storage plugin {@code sim}: {@link io.github.exha.storage.sim.SimStorageProvider} creates
 * {@link io.github.exha.storage.sim.SimArray}s holding thin-provisioned LUNs in 64 KiB chunks, with LUN masking and
 * access states, and replicating in {@link io.github.exha.storage.sim.SimConsistencyGroup}s over
 * storage-kit {@link io.github.exha.storage.kit.ArrayLink}s that model latency, bandwidth and faults. All time,
 * scheduling and randomness come from the host's {@link io.github.exha.storage.spi.StorageContext}, so one seed gives one outcome.
 * Depends on the storage SPI, the storage kit (sparse LUNs, change maps, links, the array skeleton) and the JDK only.
 */
package io.github.exha.storage.sim;
