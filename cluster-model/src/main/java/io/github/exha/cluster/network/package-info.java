/**
 * The lab's IP networks as the cluster service sees them: which host reaches which over which network, given the
 * hosts' power, their NICs and the network faults injected (a network cut, a partition between sites, a NIC down).
 * {@link io.github.exha.cluster.network.HostConnectivity} answers the membership's
 * {@link io.github.exha.cluster.membership.Connectivity} questions from the hosts of the topology.
 */
package io.github.exha.cluster.network;
