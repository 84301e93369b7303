/**
 * The topology sections of the cluster model ({@code storage:}, {@code hosts:} and {@code clusters:}), their value
 * types ({@link io.github.exha.cluster.topology.ByteSize}, {@link io.github.exha.cluster.topology.TimeInterval}), the
 * {@link io.github.exha.cluster.topology.Datacenter} built from them (arrays through the storage SPI, LUNs, masking,
 * links, hosts and their volumes) and the {@link io.github.exha.cluster.topology.Clusters} built on it (failover
 * clusters with their memberships over the datacenter's networks).
 */
package io.github.exha.cluster.topology;
