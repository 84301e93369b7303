/**
 * Fault points for the cluster world that a {@link io.github.exha.core.kernel.FaultPlan} arms: a NIC failing, the WAN
 * between two sites failing, the LUN behind a Physical Disk resource being lost. Each fault lasts a drawn virtual time
 * and then heals. Node crashes and witness outages are the membership's own points
 * ({@link io.github.exha.cluster.membership.ClusterMembership#NODE_CRASH_FAULT},
 * {@link io.github.exha.cluster.membership.ClusterMembership#WITNESS_OUTAGE_FAULT}).
 */
package io.github.exha.cluster.fault;
