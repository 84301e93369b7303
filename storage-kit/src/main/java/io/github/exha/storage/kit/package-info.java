/**
 * An optional toolkit for storage plugin authors: thin-provisioned {@link io.github.exha.storage.kit.SparseLun} data,
 * {@link io.github.exha.storage.kit.ChangeMap} change tracking, LUNs with masking and access states
 * ({@link io.github.exha.storage.kit.ArrayLun}), host block devices, replication links with latency and bandwidth
 * ({@link io.github.exha.storage.kit.ArrayLink}), chunk-by-chunk copy work
 * ({@link io.github.exha.storage.kit.ChunkCopy}) and the skeletons of an array
 * ({@link io.github.exha.storage.kit.AbstractStorageArray}) and of a consistency group
 * ({@link io.github.exha.storage.kit.AbstractConsistencyGroup}: pairs, state, enable, copy work) whose hooks and
 * operations a plugin fills with its own replication semantics. What suspend, failover, reverse or a lost link do is
 * the plugin's. A vendor may use it or ignore it: the SPI itself
 * stays interfaces only. Depends on the storage SPI and the JDK only; all time and scheduling come from the host's
 * {@link io.github.exha.storage.spi.StorageContext}.
 */
package io.github.exha.storage.kit;
