/**
 * Windows hosts and failover clusters: volumes with a crash-consistent filesystem on LUNs ({@code cluster.fs}),
 * and the cluster resource engine (groups, resources, dependencies, policies). Errors carry Win32 numbers.
 */
package io.github.exha.cluster;
