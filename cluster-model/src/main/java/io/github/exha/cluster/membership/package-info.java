/**
 * Cluster membership, heartbeats and quorum (DOMAIN.md §8, §3) beside the failover engine: nodes exchange
 * heartbeats on the cluster's internal networks, nodes that miss too many are regrouped out, the partitions that
 * result count their votes under the {@link io.github.exha.cluster.membership.QuorumModel}, and nodes without
 * quorum stop their cluster service, which the {@link io.github.exha.cluster.failover.FailoverCluster} sees as
 * {@code nodeDown}. Hosts, NICs and shares are reached through the narrow {@link
 * io.github.exha.cluster.membership.Connectivity} interface.
 */
package io.github.exha.cluster.membership;
