/**
 * The reference storage plugin {@code sim}: {@link io.github.exha.storage.sim.SimStorageProvider} creates
 * {@link io.github.exha.storage.sim.SimArray}s holding thin-provisioned LUNs in 64 KiB chunks, with LUN masking and
 * access states, and replicating in {@link io.github.exha.storage.sim.SimConsistencyGroup}s over
 * {@link io.github.exha.storage.sim.SimLink}s that model latency, bandwidth and faults. All time, scheduling and
 * randomness come from the host's {@link io.github.exha.storage.spi.StorageContext}, so one seed gives one outcome.
 * Depends on the storage SPI and the JDK only.
 */
package io.github.exha.storage.sim;
