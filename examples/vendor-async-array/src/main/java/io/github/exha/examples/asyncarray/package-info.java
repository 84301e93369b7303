/**
 * The example vendor plugin {@code async-array}, the worked example a storage vendor copies:
 * {@link io.github.exha.examples.asyncarray.CycleStorageProvider} (the ServiceLoader entry point: vendor id, SPI
 * version, capabilities) creates {@link io.github.exha.examples.asyncarray.CycleArray}s holding thin-provisioned LUNs
 * in 64 KiB chunks, with LUN masking and access states, replicating only asynchronously, in cycles, in
 * {@link io.github.exha.examples.asyncarray.CycleConsistencyGroup}s over
 * storage-kit {@link io.github.exha.storage.kit.ArrayLink}s that model latency, bandwidth and faults. All time,
 * scheduling and randomness come from the host's {@link io.github.exha.storage.spi.StorageContext}, so one seed gives
 * one outcome. Depends on the storage SPI, the optional storage kit and the JDK only: the kit gives the LUNs, links
 * and array skeleton, this package the replication semantics.
 */
package io.github.exha.examples.asyncarray;
