/**
 * The topology sections of the cluster model ({@code storage:} and {@code hosts:}), their value types
 * ({@link io.github.exha.cluster.topology.ByteSize}, {@link io.github.exha.cluster.topology.TimeInterval}), and the
 * {@link io.github.exha.cluster.topology.Datacenter} built from them: arrays through the storage SPI, LUNs, masking,
 * links, hosts and their volumes.
 */
package io.github.exha.cluster.topology;
